// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// dcexit-layout: reads a Graphviz dot graph on standard input and writes its layout as an SVG
// element on standard output. report.html's graph is drawn by this process, started by dcexit
// for each layout, so that Graphviz's global state never crosses two layouts and a runaway
// layout can be stopped.
#include <cstdio>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <iostream>
#include <iterator>
#include <string>

int main() {
  const std::string dot((std::istreambuf_iterator<char>(std::cin)),
                        std::istreambuf_iterator<char>());
  GVC_t* context = gvContext();
  Agraph_t* graph = agmemread(dot.c_str());
  int status = 1;
  if (graph != nullptr && gvLayout(context, graph, "dot") == 0) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context, graph, "svg", &data, &length) == 0 && data != nullptr) {
      const std::string text(data, length);
      const auto start = text.find("<svg");
      if (start != std::string::npos) {
        status = std::fwrite(text.data() + start, 1, text.size() - start, stdout) ==
                             text.size() - start &&
                         std::fflush(stdout) == 0
                     ? 0
                     : 1;
      }
    }
    gvFreeRenderData(data);
    gvFreeLayout(context, graph);
  }
  if (graph != nullptr) {
    agclose(graph);
  }
  gvFreeContext(context);
  return status;
}

// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The files `plan` writes and where: each estate's folder, a batch's index, and every refusal
// made before anything is planned (docs/reports.md, "The output folder").
#include "base/output_files.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace dcexit {

namespace {

namespace fs = std::filesystem;

// Names dcexit writes into a batch's folder itself; no estate folder may take them.
const std::vector<std::string> k_index_files = {"index.md", "index.json", "index.html",
                                                "index.csv"};

Diagnostic output_error(std::string message) {
  return Diagnostic::make(Severity::error, {}, Code::output, std::move(message));
}

// The name of an estate's folder in a batch, per the contract: its file or directory name
// ("harrow.yaml", "estate-dir"); "stdin" for "-"; "-2", "-3" appended to repeats and to names
// dcexit keeps for itself (index.html, .dcexit); a hidden name like one of dcexit's temporaries
// (".a.yaml.dcexit-tmp.1.x") starts with '_' instead.
std::string estate_name(const std::string& path, std::set<std::string>& taken) {
  std::string name = "stdin";
  if (path != "-") {
    fs::path normal = fs::absolute(path).lexically_normal();
    if (normal.filename().empty() && normal.has_parent_path()) {
      normal = normal.parent_path();  // a trailing separator
    }
    std::error_code ec;
    name = fs::weakly_canonical(normal, ec).filename().string();
    if (!normal.filename().empty() && normal.filename() != "..") {
      name = normal.filename().string();  // the name as given, a symbolic link's own
    }
    if (name.empty() || name == "." || name == "..") {
      name = "estate";  // the root directory
    }
  }
  if (named_like_temporary(name)) {
    name[0] = '_';  // it would be swept as a temporary a killed run left
  }
  std::string unique = name;
  for (int n = 2; !taken.insert(unique).second; ++n) {
    unique = fmt::format("{}-{}", name, n);
  }
  return unique;
}

// Whether `outer` is `inner` or a folder holding it (both canonical).
bool holds(const fs::path& outer, const fs::path& inner) {
  const auto [end, rest] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

// Refuses an output that is or holds an input, and any collision with what dcexit did not
// write; throws OutputError naming the path.
void check_outputs(const PlanOutputs& outputs, const std::vector<std::string>& paths) {
  std::error_code ec;
  std::vector<std::pair<fs::path, std::string>> inputs;
  for (const std::string& path : paths) {
    fs::path canonical = path == "-" ? fs::path() : fs::weakly_canonical(path, ec);
    if (!canonical.empty() && !ec) {  // one that cannot be resolved is not read either
      inputs.emplace_back(std::move(canonical), path);
    }
  }
  const auto check_target = [&](const fs::path& target) {
    const fs::path canonical = fs::weakly_canonical(target, ec);
    if (ec) {  // a loop of links, a name too long: nothing can be written there
      throw OutputError(
          fmt::format("cannot write the plan into '{}': {}", target.string(), ec.message()));
    }
    for (const auto& [input, given] : inputs) {
      if (holds(canonical, input)) {
        throw OutputError(
            fmt::format("refusing to write the plan into '{}', where the inventory "
                        "'{}' lives; choose another --out",
                        target.string(), given));
      }
    }
    check_replaceable(target);
  };
  if (!outputs.batch()) {
    check_target(outputs.out);
    return;
  }
  if (fs::exists(outputs.out, ec) && !fs::is_directory(outputs.out, ec)) {
    throw OutputError(
        fmt::format("cannot create output directory '{}': a file of that name is in the way",
                    outputs.out.string()));
  }
  for (const std::string& name : outputs.folders) {
    check_target(outputs.out / name);
  }
  check_owned_files(outputs.out, k_index_files);
}

// Rendered one at a time as they are written: at 100k apps the seven files come to ~290 MB.
std::vector<OutputFile> plan_files(const EstatePlan& estate, const PlanOutputs& outputs) {
  const Plan& plan = estate.plan;
  const auto file = [](const char* name, std::function<std::string()> render) {
    return OutputFile(name, std::move(render));
  };
  std::vector<OutputFile> files;
  if (outputs.writes(OutputFormat::json)) {
    files.push_back(OutputFile::streamed(
        "plan.json", [&](const TextSink& sink) { write_plan_json(estate, sink); }));
  }
  if (outputs.writes(OutputFormat::md)) {
    files.push_back(file("plan.md", [&] { return render_plan_markdown(estate); }));
  }
  if (outputs.writes(OutputFormat::csv)) {
    files.push_back(file("waves.csv", [&] { return render_waves_csv(estate); }));
    files.push_back(file("decommission.csv", [&] { return render_decommission_csv(estate); }));
    files.push_back(file("connectivity.csv", [&] { return render_connectivity_csv(estate); }));
    files.push_back(file("assessment.csv", [&] {
      return render_assessment(*plan.inventory, plan.assessment, *plan.profile,
                               AssessmentFormat::csv);
    }));
  }
  if (outputs.writes(OutputFormat::html)) {
    files.push_back(file("report.html", [&] { return render_report_html(estate); }));
  }
  if (outputs.writes(OutputFormat::xlsx)) {
    files.push_back(file("plan.xlsx", [&] { return render_plan_xlsx(estate); }));
  }
  if (outputs.writes(OutputFormat::csv) && estate.cost) {
    files.push_back(file("cost.csv", [&] { return render_cost_csv(estate); }));
  }
  for (const Tracker tracker : estate.report.trackers) {
    files.emplace_back(fmt::format("{}.csv", to_string(tracker)),
                       [&estate, tracker] { return render_tracker_csv(estate, tracker); });
  }
  return files;
}

}  // namespace

fs::path PlanOutputs::folder_of(std::size_t estate) const {
  return batch() ? out / folders[estate] : out;
}

tl::expected<PlanOutputs, Diagnostic> prepare_plan_outputs(const fs::path& out,
                                                           const std::vector<std::string>& paths) {
  PlanOutputs outputs{out, {}};
  if (paths.size() > 1) {
    std::set<std::string> taken(k_index_files.begin(), k_index_files.end());
    taken.insert(std::string(k_marker_name));
    for (const std::string& path : paths) {
      outputs.folders.push_back(estate_name(path, taken));
    }
  }
  try {
    check_outputs(outputs, paths);
  } catch (const OutputError& e) {
    return tl::unexpected(output_error(e.what()));
  }
  return outputs;
}

tl::expected<void, Diagnostic> write_plan_folder(const PlanOutputs& outputs, std::size_t index,
                                                 const EstatePlan& estate,
                                                 const WriteHooks& hooks) {
  try {
    write_folder(outputs.folder_of(index), plan_files(estate, outputs),
                 {hooks.stop_requested, hooks.after_file});
  } catch (const OutputInterrupted& e) {
    return tl::unexpected(Diagnostic::make(Severity::error, {}, Code::interrupted, e.what()));
  } catch (const std::exception& e) {  // OutputError, or what a hook threw (a full disk, in tests)
    return tl::unexpected(output_error(e.what()));
  }
  return {};
}

tl::expected<void, Diagnostic> write_batch_index(const PlanOutputs& outputs,
                                                 const std::vector<IndexEntry>& entries,
                                                 const WriteHooks& hooks) {
  std::vector<std::string> owned;
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      owned.push_back(e.name + "/");
    }
  }
  try {
    write_owned_files(outputs.out,
                      {{"index.md", render_index_markdown(entries)},
                       {"index.json", render_index_json(entries)},
                       {"index.html", render_index_html(entries)},
                       {"index.csv", render_index_csv(entries)}},
                      owned, hooks.after_file);
  } catch (const std::exception& e) {
    return tl::unexpected(output_error(e.what()));
  }
  return {};
}

}  // namespace dcexit

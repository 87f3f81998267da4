// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan.xlsx: the plan as a workbook for programme offices (docs/reports.md), with Debian's
// libxlsxwriter: a sheet each for the summary, waves, applications, servers and their
// decommission, connectivity and cost when the plan has them; a frozen header row, filters,
// dates as dates and widths from the contents; the same bytes for the same plan.
#include "base/text.hpp"
#include "report/plan_figures.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <variant>
#include <xlsxwriter.h>

namespace dcexit {

namespace {

// A cell before it is written: nothing, text, a number, a date or a truth value.
struct Cell {
  std::variant<std::monostate, std::string, double, Date, bool> value;
  Cell() = default;
  Cell(std::string text) : value(std::move(text)) {}         // NOLINT: implicit by design
  Cell(const char* text) : value(std::string(text)) {}       // NOLINT
  Cell(std::string_view text) : value(std::string(text)) {}  // NOLINT
  Cell(double number) : value(number) {}                     // NOLINT
  Cell(Date date) : value(date) {}                           // NOLINT
  static Cell truth(bool b) {
    Cell c;
    c.value = b;
    return c;
  }
  template <typename T>
  static Cell maybe(const std::optional<T>& v) {
    return v ? Cell(*v) : Cell();
  }
};

struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whether `text` holds Excel's escape `_xHHHH_` at `i`.
bool escape_at(std::string_view text, std::size_t i) {
  return i + 7 <= text.size() && text[i] == '_' && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
         is_hex(text[i + 2]) && is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) &&
         text[i + 6] == '_';
}

// Text as a cell holds it (ECMA-376's ST_Xstring): characters XML 1.0 forbids (controls but
// tab, line feed and carriage return; U+FFFE and U+FFFF) as Excel's `_xHHHH_`, and a literal
// `_xHHHH_` with its underscore escaped (`_x005F_`), so that Excel shows what the user wrote.
std::string escaped_cell_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (escape_at(text, i)) {
      out += "_x005F_";
    } else if (byte < 0x20U && byte != '\t' && byte != '\n' && byte != '\r') {
      out += fmt::format("_x{:04X}_", byte);
    } else if (byte == 0xEFU && i + 2 < text.size() && text[i + 1] == '\xBF' &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += text[i + 2] == '\xBE' ? "_xFFFE_" : "_xFFFF_";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Text for a document property (core.xml, which has no `_xHHHH_` escape): characters XML 1.0
// forbids become U+FFFD.
std::string property_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20U && byte != '\t' && byte != '\n' && byte != '\r') {
      out += "\uFFFD";
    } else if (byte == 0xEFU && i + 2 < text.size() && text[i + 1] == '\xBF' &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += "\uFFFD";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Excel keeps at most 32,767 characters in a cell: longer text is cut (at a UTF-8 boundary),
// then escaped (escaped_cell_text).
std::string cell_text(const std::string& text) {
  constexpr std::size_t k_max = 32'000;
  if (text.size() <= k_max) {
    return escaped_cell_text(text);
  }
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return escaped_cell_text(text.substr(0, cut)) + "…";
}

// A formula-looking text (= + - @ tab CR first) is a text cell, never a formula, and is given
// the Text number format so that editing it in Excel cannot turn it into one (the spreadsheet
// form of csv_field's guard, without changing the value).
bool looks_like_formula(const std::string& text) {
  return !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                           text.front() == '@' || text.front() == '\t' || text.front() == '\r');
}

// Characters, not bytes, for a column's width.
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::size_t display_width(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell.value)) {
    return utf8_length(*text);
  }
  if (std::holds_alternative<Date>(cell.value)) {
    return 10;
  }
  if (const auto* number = std::get_if<double>(&cell.value)) {
    return fmt::format("{:g}", *number).size();
  }
  return 5;
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* quoted = nullptr;
  lxw_format* number = nullptr;
};

void check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(fmt::format("plan.xlsx: {}: {}", what, lxw_strerror(error)));
  }
}

// Each column as wide as its widest cell (the header's with its filter button), 8 to 60.
void set_widths(lxw_worksheet* ws, const Sheet& sheet) {
  std::vector<std::size_t> widths(sheet.header.size());
  for (std::size_t c = 0; c < sheet.header.size(); ++c) {
    widths[c] = utf8_length(sheet.header[c]) + 2;
  }
  for (const auto& row : sheet.rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const double width = static_cast<double>(std::clamp<std::size_t>(widths[c] + 1, 8, 60));
    const auto column = static_cast<lxw_col_t>(c);
    check(worksheet_set_column(ws, column, column, width, nullptr), "column width");
  }
}

// One cell: text (a formula-looking one quoted, none for empty), a finite number, a date
// (as text outside Excel's years), a truth value.
void write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell, const Formats& f) {
  if (const auto* text = std::get_if<std::string>(&cell.value)) {
    if (!text->empty()) {
      const std::string value = cell_text(*text);
      check(worksheet_write_string(ws, r, c, value.c_str(),
                                   looks_like_formula(value) ? f.quoted : nullptr),
            "text");
    }
  } else if (const auto* number = std::get_if<double>(&cell.value)) {
    if (!std::isfinite(*number)) {  // refused at its source (docs/security.md)
      throw std::logic_error("plan.xlsx: a figure that is not finite");
    }
    check(worksheet_write_number(ws, r, c, *number, f.number), "number");
  } else if (const auto* date = std::get_if<Date>(&cell.value)) {
    if (date->year() >= 1900 && date->year() <= 9999) {
      lxw_datetime dt{
          date->year(), static_cast<int>(date->month()), static_cast<int>(date->day()), 0, 0, 0};
      check(worksheet_write_datetime(ws, r, c, &dt, f.date), "date");
    } else {
      check(worksheet_write_string(ws, r, c, date->to_string().c_str(), nullptr), "date");
    }
  } else if (const auto* truth = std::get_if<bool>(&cell.value)) {
    check(worksheet_write_boolean(ws, r, c, *truth ? 1 : 0, nullptr), "boolean");
  }
}

void write_sheet(lxw_workbook* book, const Sheet& sheet, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
  if (ws == nullptr) {
    throw std::runtime_error("plan.xlsx: cannot add sheet " + sheet.name);
  }
  const auto columns = static_cast<lxw_col_t>(sheet.header.size());
  set_widths(ws, sheet);
  worksheet_freeze_panes(ws, 1, 0);
  for (lxw_col_t c = 0; c < columns; ++c) {
    check(worksheet_write_string(ws, 0, c, sheet.header[c].c_str(), f.header), "header");
  }
  // Excel's sheets end at row 1,048,576: what does not fit is counted in the last row (the
  // CSVs have every row).
  constexpr std::size_t k_max_rows = 1'048'576 - 2;
  const std::size_t shown = std::min(sheet.rows.size(), k_max_rows);
  for (std::size_t n = 0; n < shown; ++n) {
    const auto& row = sheet.rows[n];
    for (std::size_t i = 0; i < row.size(); ++i) {
      write_cell(ws, static_cast<lxw_row_t>(n + 1), static_cast<lxw_col_t>(i), row[i], f);
    }
  }
  if (shown < sheet.rows.size()) {
    const std::string more = fmt::format("… {} more rows than a sheet holds: see the CSV files",
                                         sheet.rows.size() - shown);
    check(worksheet_write_string(ws, static_cast<lxw_row_t>(shown + 1), 0, more.c_str(), nullptr),
          "text");
  }
  if (columns > 0) {
    check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(shown),
                               static_cast<lxw_col_t>(columns - 1)),
          "filter");
  }
}

std::string ids(const Inventory& inv, const std::vector<Index>& apps) {
  std::string out;
  for (Index a : apps) {
    out += (out.empty() ? "" : ";") + inv.applications[a].id;
  }
  return out;
}

Sheet summary_sheet(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  const detail::PlanFigures figures = detail::plan_figures(plan);
  Sheet summary{"Summary", {"item", "value"}, {}};
  const auto add = [&](std::string item, Cell value) {
    summary.rows.push_back({Cell(std::move(item)), std::move(value)});
  };
  add("estate", inv.estate.name);
  add("start", inv.estate.start);
  add("applications", static_cast<double>(inv.applications.size()));
  add("servers", static_cast<double>(inv.servers.size()));
  add("waves", static_cast<double>(plan.waves.waves.size()));
  add("lower bound on waves", static_cast<double>(plan.waves.lower_bound_waves));
  add("exit", Cell::maybe(plan.decommission.exit_date));
  add("deadline", Cell::maybe(inv.estate.deadline));
  add("deadline met", inv.estate.deadline ? Cell::truth(plan.decommission.deadline_met) : Cell());
  add("effort, person-days (likely)", std::round(figures.effort_days * 10) / 10);
  for (std::size_t s = 0; s < k_strategies.size(); ++s) {
    add(fmt::format("strategy {}", to_string(k_strategies[s])),
        static_cast<double>(figures.strategies[s]));
  }
  add("blockers", static_cast<double>(figures.blockers));
  add("low-confidence applications", static_cast<double>(figures.low_confidence));
  add("plan warnings", static_cast<double>(plan.warnings.size()));
  if (estate.cost) {
    add(fmt::format("annual saving ({})", estate.cost->currency), estate.cost->annual_saving);
    add(fmt::format("one-off cost ({})", estate.cost->currency), estate.cost->one_off);
    add("payback", Cell::maybe(estate.cost->payback));
  }
  return summary;
}

Sheet wave_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet sheet{"Waves",
              {"wave", "start", "end", "cutovers", "rehearsals", "applications", "effort_days",
               "servers_moved", "oversized"},
              {}};
  for (const Wave& w : plan.waves.waves) {
    // The wave's own figures, as plan.json gives them (a server shared by two of its apps
    // counted once, a rehearsal's servers included).
    sheet.rows.push_back(
        {static_cast<double>(w.number), w.start, w.end, static_cast<double>(w.apps.size()),
         static_cast<double>(w.rehearsals.size()), ids(inv, w.apps),
         std::round(w.effort_days * 10) / 10, static_cast<double>(w.servers_moved.size()),
         w.oversized ? Cell(to_string(*w.oversized)) : Cell()});
  }
  return sheet;
}

Sheet application_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const auto& waves = plan.waves;
  Sheet apps{
      "Applications",
      {"app", "name", "owner", "department", "criticality", "strategy", "source", "confidence",
       "effort_days", "wave", "start", "end", "depends_on", "servers", "dr_tier"},
      {}};
  std::vector<const Wave*> wave_by_number(waves.waves.size() + 1, nullptr);
  for (const Wave& w : waves.waves) {
    if (w.number < wave_by_number.size()) {
      wave_by_number[w.number] = &w;
    }
  }
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const Application& app = inv.applications[a];
    const AppAssessment& as = plan.assessment.apps[a];
    const std::string depends = detail::dependency_ids(inv, app, ";");
    std::string servers;
    for (Index s : app.servers) {
      servers += (servers.empty() ? "" : ";") + inv.servers[s].id;
    }
    const std::uint32_t number = waves.wave_of[a];
    const Wave* w = number < wave_by_number.size() ? wave_by_number[number] : nullptr;
    apps.rows.push_back(
        {app.id, app.name, app.owner, app.department, to_string(app.criticality),
         to_string(as.strategy), as.from_decision ? "decision" : "model", as.confidence,
         std::round(as.effort.likely * 10) / 10,
         w != nullptr ? Cell(static_cast<double>(number)) : Cell(),
         w != nullptr ? Cell(w->start) : Cell(), w != nullptr ? Cell(w->end) : Cell(), depends,
         servers, as.dr_tier == 0 ? Cell() : Cell(plan.profile->dr_tiers[as.dr_tier - 1].name)});
  }
  return apps;
}

Sheet server_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const detail::ServerFates fates = detail::server_fates(plan);
  Sheet servers{"Servers",
                {"server", "site", "rack", "os", "moves", "decommission_date", "last_app",
                 "last_wave", "blocker", "blocking_apps", "kept_for"},
                {}};
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    std::vector<Cell> row = {server.id, inv.sites[server.site].id, server.rack,
                             server.os.name.empty() ? server.os.family : server.os.name,
                             Cell::truth(plan.waves.server_moves[s])};
    if (const ServerDecommission* d = fates.decommission[s]) {
      row.insert(row.end(), {d->date, inv.applications[d->last_app].id,
                             static_cast<double>(plan.waves.wave_of[d->last_app]), Cell(), Cell(),
                             d->kept_for ? Cell(inv.applications[*d->kept_for].id) : Cell()});
    } else if (const Blocker* b = fates.blocker[s]) {
      row.insert(row.end(),
                 {Cell(), Cell(), Cell(), to_string(b->reason), ids(inv, b->apps), Cell()});
    }
    servers.rows.push_back(std::move(row));
  }
  return servers;
}

Sheet site_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet sites{"Sites", {"site", "name", "exit", "blockers"}, {}};
  for (const SiteExit& site : plan.decommission.sites) {
    sites.rows.push_back({inv.sites[site.site].id, inv.sites[site.site].name,
                          Cell::maybe(site.exit_date), static_cast<double>(site.blockers.size())});
  }
  return sites;
}

Sheet connectivity_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet links{"Connectivity",
              {"app", "depends_on", "coupling", "direction", "from", "to", "days",
               "opens_after_wave", "closes_with_wave", "max_split_days", "served_on_premises"},
              {}};
  const auto number = [](const std::optional<std::int64_t>& n) {
    return n ? Cell(static_cast<double>(*n)) : Cell();
  };
  const auto wave = [](const std::optional<std::uint32_t>& n) {
    return n ? Cell(static_cast<double>(*n)) : Cell();
  };
  for (const Split& s : plan.connectivity) {
    links.rows.push_back({inv.applications[s.app].id, inv.applications[s.depends_on].id,
                          to_string(s.coupling), to_string(s.direction), s.from, Cell::maybe(s.to),
                          number(s.days), Cell(static_cast<double>(s.opens_after)),
                          wave(s.closes_with), number(s.limit), Cell::truth(s.served_on_premises)});
  }
  return links;
}

Sheet cost_sheet(const BusinessCase& c) {
  Sheet cost{"Cost",
             {"month", "on_premises", "cloud", "dual_running", "one_off", "net", "cumulative",
              "kwh_on_premises", "kwh_cloud", "tco2e"},
             {}};
  const auto money = [](double v) { return std::round(v * 100) / 100; };
  for (const CostMonth& m : c.months) {
    cost.rows.push_back({m.month, money(m.on_premises), money(m.cloud), money(m.dual_running),
                         money(m.one_off), money(m.net), money(m.cumulative),
                         std::round(m.kwh_on_premises), std::round(m.kwh_cloud),
                         std::round(m.tco2e * 1000) / 1000});
  }
  return cost;
}

// The sheets of `plan`, in order.
std::vector<Sheet> plan_sheets(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  std::vector<Sheet> sheets;
  sheets.push_back(summary_sheet(estate));
  sheets.push_back(wave_sheet(plan));
  sheets.push_back(application_sheet(plan));
  sheets.push_back(server_sheet(plan));
  sheets.push_back(site_sheet(plan));
  if (!plan.connectivity.empty()) {
    sheets.push_back(connectivity_sheet(plan));
  }
  if (estate.cost) {
    sheets.push_back(cost_sheet(*estate.cost));
  }
  return sheets;
}

// A file for libxlsxwriter to write into, removed when done.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "dcexit-plan-XXXXXX.xlsx").string();
    const int fd = mkstemps(pattern.data(), 5);
    if (fd < 0) {
      throw std::runtime_error("plan.xlsx: cannot create a temporary file");
    }
    close(fd);
    m_path = pattern;
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() { std::remove(m_path.c_str()); }
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

}  // namespace

std::string render_plan_xlsx(const EstatePlan& estate) {
  const std::vector<Sheet> sheets = plan_sheets(estate);
  TemporaryFile file;
  lxw_workbook_options options{};
  // Rows are written in order: libxlsxwriter streams each sheet to a temporary file instead of
  // keeping every cell (inline strings, no shared-string table).
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(file.path().c_str(), &options);
  if (book == nullptr) {
    throw std::runtime_error("plan.xlsx: cannot start the workbook");
  }
  // The same plan, the same bytes: the creation time (which libxlsxwriter also stamps on every
  // part of the archive) is the estate's start, not the clock's.
  lxw_doc_properties properties{};
  const Date start = estate.plan.inventory->estate.start;
  properties.created = static_cast<time_t>(start.days) * 86'400;
  std::string title = property_text("dcexit plan: " + estate.plan.inventory->estate.name);
  properties.title = title.data();
  std::string creator = "dcexit";
  properties.author = creator.data();
  Formats f;
  try {
    check(workbook_set_properties(book, &properties), "properties");
    f.header = workbook_add_format(book);
    format_set_bold(f.header);
    format_set_bottom(f.header, LXW_BORDER_THIN);
    f.date = workbook_add_format(book);
    format_set_num_format(f.date, "yyyy-mm-dd");
    f.quoted = workbook_add_format(book);
    // Excel's Text format: what is typed into the cell stays text (libxlsxwriter 1.1.4 has no
    // quote prefix).
    format_set_num_format(f.quoted, "@");
    f.number = workbook_add_format(book);
    format_set_num_format(f.number, "General");
    for (const Sheet& sheet : sheets) {
      write_sheet(book, sheet, f);
    }
  } catch (...) {
    workbook_close(book);
    throw;
  }
  check(workbook_close(book), "write");
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace dcexit

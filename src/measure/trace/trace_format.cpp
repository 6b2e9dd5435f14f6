#include "measure/trace/trace_format.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include "util/error.hpp"

namespace synergy {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) {
    size_t a = cell.find_first_not_of(" \t\r");
    size_t b = cell.find_last_not_of(" \t\r");
    cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
  }
  return cells;
}

double time_scale_ns(const std::string& name, const std::string& where) {
  static const std::map<std::string, double> units{
      {"time_s", 1e9}, {"time_ms", 1e6}, {"time_us", 1e3}, {"time_ns", 1}};
  auto it = units.find(name);
  if (it == units.end())
    throw bad_input(where + ": first column must be time_s, time_ms, time_us or time_ns, not '" +
                    name + "'");
  return it->second;
}

TraceColumn data_column(const std::string& header, const std::string& where) {
  static const std::map<std::string, std::pair<bool, double>> units{
      {"power_w", {true, 1}},      {"power_mw", {true, 1e-3}},   {"power_uw", {true, 1e-6}},
      {"energy_j", {false, 1}},    {"energy_mj", {false, 1e-3}}, {"energy_uj", {false, 1e-6}},
      {"energy_wh", {false, 3600}}};
  size_t colon = header.rfind(':');
  std::string quantity = colon == std::string::npos ? header : header.substr(colon + 1);
  auto it = units.find(quantity);
  if (it == units.end())
    throw bad_input(where + ": column '" + header +
                    "' is not [domain:]power_w|power_mw|power_uw|energy_j|energy_mj|energy_uj|"
                    "energy_wh");
  TraceColumn c;
  c.domain = colon == std::string::npos ? "meter" : header.substr(0, colon);
  c.is_power = it->second.first;
  c.scale = it->second.second;
  return c;
}

double number(const std::string& cell, const std::string& where) {
  char* end = nullptr;
  double v = std::strtod(cell.c_str(), &end);
  if (cell.empty() || end != cell.c_str() + cell.size() || !std::isfinite(v))
    throw bad_input(where + ": not a number: '" + cell + "'");
  return v;
}

void add_row(TraceData& data, const std::vector<std::string>& cells, double t_scale,
             const std::string& where) {
  if (cells.size() != data.columns.size() + 1)
    throw bad_input(where + ": expected " + std::to_string(data.columns.size() + 1) +
                    " values, found " + std::to_string(cells.size()));
  auto t = static_cast<int64_t>(std::llround(number(cells[0], where) * t_scale));
  if (!data.t_ns.empty() && t <= data.t_ns.back())
    throw bad_input(where + ": time does not increase");
  data.t_ns.push_back(t);
  for (size_t i = 0; i < data.columns.size(); ++i) {
    TraceColumn& c = data.columns[i];
    double v = number(cells[i + 1], where) * c.scale;
    if (c.is_power && v < 0) throw bad_input(where + ": negative power " + cells[i + 1]);
    if (!c.is_power && !c.values.empty() && v < c.values.back())
      throw bad_input(where + ": energy counter goes backwards");
    c.values.push_back(v);
  }
}

}  // namespace

TraceData parse_trace(std::istream& in, const std::string& origin) {
  TraceData data;
  double t_scale = 0;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string where = origin + ":" + std::to_string(line_no);
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    std::vector<std::string> cells = split(line);
    if (t_scale == 0) {
      t_scale = time_scale_ns(cells[0], where);
      for (size_t i = 1; i < cells.size(); ++i)
        data.columns.push_back(data_column(cells[i], where));
      if (data.columns.empty()) throw bad_input(where + ": no data columns after the time column");
      continue;
    }
    add_row(data, cells, t_scale, where);
  }
  if (t_scale == 0) throw bad_input(origin + ": empty trace (no header line)");
  if (data.t_ns.size() < 2) throw bad_input(origin + ": a trace needs at least two samples");
  return data;
}

}  // namespace synergy

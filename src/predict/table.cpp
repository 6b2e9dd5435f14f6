#include "predict/table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "predict/record_rows.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

struct CsvCursor {
  std::string_view text;
  size_t pos = 0;
  size_t line = 1;

  bool done() const { return pos >= text.size(); }
};

std::string read_quoted(CsvCursor& c, const std::string& source) {
  std::string cell;
  size_t start_line = c.line;
  ++c.pos;  // opening quote
  while (!c.done()) {
    char ch = c.text[c.pos++];
    if (ch == '"') {
      if (!c.done() && c.text[c.pos] == '"') {
        cell += '"';
        ++c.pos;
        continue;
      }
      return cell;
    }
    if (ch == '\n') ++c.line;
    cell += ch;
  }
  throw bad_input(source + ":" + std::to_string(start_line) + ": unterminated quoted cell");
}

// Reads one record; returns false at the end of the text.
bool read_record(CsvCursor& c, const std::string& source, std::vector<std::string>& cells) {
  cells.clear();
  if (c.done()) return false;
  std::string cell;
  bool quoted = false;
  while (true) {
    if (c.done()) break;
    char ch = c.text[c.pos];
    if (ch == '"' && cell.empty() && !quoted) {
      cell = read_quoted(c, source);
      quoted = true;
      continue;
    }
    ++c.pos;
    if (ch == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
      quoted = false;
    } else if (ch == '\n') {
      ++c.line;
      break;
    } else if (ch != '\r') {
      cell += ch;
    }
  }
  cells.push_back(std::move(cell));
  return true;
}

bool blank_record(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& s) { return trim(s).empty(); });
}

void check_header(const Table& t) {
  if (t.columns.empty()) throw bad_input(t.source + ": no header line");
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].empty())
      throw bad_input(t.source + ": column " + std::to_string(i + 1) + " has no name");
    for (size_t j = 0; j < i; ++j)
      if (t.columns[j] == t.columns[i])
        throw bad_input(t.source + ": column '" + t.columns[i] + "' appears twice");
  }
}

}  // namespace

bool Table::has(const std::string& column) const {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

size_t Table::index(const std::string& column) const {
  auto it = std::find(columns.begin(), columns.end(), column);
  if (it != columns.end()) return static_cast<size_t>(it - columns.begin());
  std::string known;
  for (const auto& c : columns) known.append(known.empty() ? "" : ", ").append(c);
  throw bad_input(source + ": no column '" + column + "'; columns: " + known);
}

Table parse_csv(std::string_view text, const std::string& source) {
  Table t;
  t.source = source;
  CsvCursor c{text};
  std::vector<std::string> cells;
  while (c.pos < text.size() && (text[c.pos] == '#' || text[c.pos] == '\n')) {
    size_t nl = text.find('\n', c.pos);
    c.pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++c.line;
  }
  if (!read_record(c, source, cells)) throw bad_input(source + ": empty file, no header line");
  for (auto& h : cells) t.columns.push_back(trim(h));
  check_header(t);
  while (true) {
    size_t line = c.line;
    if (!read_record(c, source, cells)) break;
    if (blank_record(cells)) continue;
    if (cells.size() != t.columns.size()) {
      throw bad_input(source + ":" + std::to_string(line) + ": " + std::to_string(cells.size()) +
                      " cells, but the header has " + std::to_string(t.columns.size()));
    }
    for (auto& cell : cells) cell = trim(cell);
    t.rows.push_back(cells);
  }
  return t;
}

Table CsvRowSource::read() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw bad_input("cannot open '" + path_ + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_csv(ss.str(), path_);
}

std::unique_ptr<RowSource> open_row_source(const std::string& spec) {
  auto ends_with = [&](std::string_view suffix) {
    return spec.size() >= suffix.size() &&
           spec.compare(spec.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".csv")) return std::make_unique<CsvRowSource>(spec);
  if (ends_with(".json")) return std::make_unique<ProfileJsonRowSource>(spec);
  if (ends_with(".db") || ends_with(".sqlite")) return std::make_unique<StoreRowSource>(spec);
  throw bad_input("cannot read '" + spec +
                  "': use a .csv dataset, a .json profile (synergy profile --format json) or a "
                  "results store (.db, .sqlite)");
}

}  // namespace synergy::predict

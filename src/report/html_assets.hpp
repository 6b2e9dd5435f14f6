// The HTML report's script and style, embedded at build time from html/report.js and
// html/report.css.
#pragma once

namespace synergy {

extern const char kReportScript[];
extern const char kReportStyle[];

}  // namespace synergy

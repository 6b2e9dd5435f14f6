# Writes OUT, a C++ file defining kReportScript and kReportStyle from the files JS and CSS.
file(READ "${JS}" script)
file(READ "${CSS}" style)
file(WRITE "${OUT}" "// Generated from report/html/report.js and report.css.\n"
  "#include \"report/html_assets.hpp\"\n\nnamespace synergy {\n\n"
  "extern const char kReportScript[] = R\"synergy_asset(${script})synergy_asset\";\n"
  "extern const char kReportStyle[] = R\"synergy_asset(${style})synergy_asset\";\n\n"
  "}  // namespace synergy\n")

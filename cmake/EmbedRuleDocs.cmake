# cmake -DDOCS_DIR=rules/docs -DOUTPUT=file.cpp -P EmbedRuleDocs.cmake
# Turns rules/docs/*.md into `wincompat::data::rule_docs()`: each file's name
# (the rule code) and text, sorted by name, read by rules/rule_docs.cpp.
set(delim "wincompat_embed")
file(GLOB INPUTS "${DOCS_DIR}/*.md")
list(SORT INPUTS)
set(entries "")
foreach(input IN LISTS INPUTS)
  file(READ "${input}" content)
  string(FIND "${content}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw-string delimiter")
  endif()
  get_filename_component(name "${input}" NAME_WE)
  string(APPEND entries "    {\"${name}\", R\"${delim}(${content})${delim}\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from rules/docs/*.md; do not edit.\n#include <span>\n#include <string_view>\n#include <utility>\n"
  "namespace wincompat::data {\nnamespace {\n"
  "const std::pair<std::string_view, std::string_view> kRuleDocs[] = {\n${entries}};\n}\n"
  "std::span<const std::pair<std::string_view, std::string_view>> rule_docs();\n"
  "std::span<const std::pair<std::string_view, std::string_view>> rule_docs() {\n  return kRuleDocs;\n}\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

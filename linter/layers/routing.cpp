#include "routing.hpp"

#include "wincompat/paths.hpp"

namespace wincompat {

namespace {

std::optional<Fix> route_fix(const Fix &fix, const GeneratedDocument &document, const SourceFile &generated,
                             FileId file, const SourceFile &real) {
  Fix routed{fix.title, {}};
  for (const TextEdit &edit : fix.edits) {
    const Span span{generated.offset(edit.range.start), generated.offset(edit.range.end)};
    const RoutedSpan place = route_span(document, span);
    if (!place.exact || place.place.file != file) {
      return std::nullopt; // an edit that is not a verbatim copy cannot be made in the source
    }
    routed.edits.push_back({real.range(place.place.span), edit.new_text});
  }
  return routed;
}

const SourceFile *file_at(const LayerFiles &files, const std::string &path) {
  const auto it = files.find(path);
  return it == files.end() ? nullptr : it->second.get();
}

} // namespace

RelatedInformation related_at(const Origin &origin, const SourceFile *file) {
  RelatedInformation info;
  info.path = origin.path();
  info.uri = file_uri(origin.path());
  info.range = file ? file->range(origin.span) : Range{};
  info.message = origin.role_text();
  return info;
}

std::optional<LayerDiagnostic> route_diagnostic(Diagnostic d, const GeneratedDocument &document,
                                                const SourceFile &generated, const LayerFiles &files) {
  const RoutedSpan place = route_span(document, d.span);
  const SourceFile *real = file_at(files, place.place.path());
  if (!real) {
    return std::nullopt;
  }
  LayerDiagnostic out{place.place.path(), std::move(d)};
  Diagnostic &diagnostic = out.diagnostic;
  diagnostic.span = place.place.span;
  std::vector<RelatedInformation> related;
  for (const Origin &origin : place.related) {
    related.push_back(related_at(origin, file_at(files, origin.path())));
  }
  related.insert(related.end(), diagnostic.related.begin(), diagnostic.related.end());
  diagnostic.related = std::move(related);
  if (diagnostic.data.fix) {
    diagnostic.data.fix = route_fix(*diagnostic.data.fix, document, generated, place.place.file, *real);
  }
  if (!document.environment.empty()) {
    diagnostic.message += " (environment " + document.environment + ")";
    diagnostic.data.environment = document.environment;
  }
  return out;
}

} // namespace wincompat

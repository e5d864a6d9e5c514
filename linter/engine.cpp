#include "wincompat/engine.hpp"
#include "parallel.hpp"

#include "frontends/sniff.hpp"
#include "layers/requests.hpp"
#include "layers/routing.hpp"
#include "read.hpp"
#include "suppress.hpp"
#include "text_util.hpp"
#include "wincompat/dockerfile.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/paths.hpp"
#include "wincompat/pod.hpp"
#include "wincompat/registry.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

namespace wincompat {

namespace {

/// The rule a finding is of; null only for a code no rule has.
const RuleMeta *meta_of(const Diagnostic &d) {
  const std::optional<RuleCode> code = find_rule(d.code);
  return code ? &rule_meta(*code) : nullptr;
}

/// A run-level notice (merge: first-per-run).
bool first_per_run(const Diagnostic &d) {
  const RuleMeta *meta = meta_of(d);
  return meta && meta->merge == Merge::FirstPerRun;
}

bool enabled(const std::string &code, const LintOptions &options) {
  if (!options.select.empty() && !code_matches(code, options.select)) {
    return false;
  }
  return !code_matches(code, options.ignore);
}

/// The span a Dockerfile suppression comment covers: the next instruction.
Span next_instruction(const ParsedDockerfile &parsed, Span comment) {
  for (const Instruction &inst : parsed.instructions) {
    if (inst.span.begin > comment.begin) {
      return inst.span;
    }
  }
  return {};
}

/// The hosts a Dockerfile is checked against: --host or `hosts:`, else the
/// Windows builds of the node inventory (--nodes, `nodes:`, `nodePools:`),
/// one host per build, in the inventory's order; of those it needs only one
/// (the pods that run its image judge their own pools).
CheckSettings dockerfile_settings(const LintOptions &options) {
  CheckSettings settings = options.settings;
  if (!settings.hosts.empty()) {
    return settings;
  }
  for (const NodePool &pool : options.pools) {
    if (pool.os != "windows" || !pool.build) {
      continue;
    }
    auto host = parse_host_spec(pool.build->str(), *settings.releases);
    if (!host || std::any_of(settings.hosts.begin(), settings.hosts.end(),
                             [&](const Host &h) { return h.build.build == host->build.build; })) {
      continue;
    }
    settings.hosts.push_back(*host);
  }
  settings.any_host = true;
  return settings;
}

/// A generator's template (FROM image:{{VERSION}}) is not a Dockerfile until
/// rendered: WC907, else nothing.
std::optional<Diagnostic> unrendered_dockerfile(const SourceFile &source) {
  if (const std::optional<Span> action = dockerfile_template_action(source.text())) {
    return engine_diagnostic(
        RuleCode::WC907,
        "this Dockerfile is an unrendered template ({{ ... }} where instructions stand): it was not linted; "
        "lint the Dockerfiles it renders",
        *action);
  }
  return std::nullopt;
}

/// Lints a laid-out Dockerfile once: resolves its base images through
/// `images` (the catalog, the lock, what registries said), then the rules.
std::vector<Diagnostic> lint_dockerfile(DockerfileModel &model, const LintOptions &options,
                                        const ImageResolver &images) {
  std::vector<Diagnostic> out;
  resolve_dockerfile_images(model, images);
  for (const SyntaxError &error : model.parsed.errors) {
    out.push_back(engine_diagnostic(RuleCode::WC901, error.message, error.span));
  }
  const CheckSettings settings = dockerfile_settings(options);
  for (const RuleEntry &rule : all_rules()) {
    if (rule.dockerfile && enabled(std::string(rule.meta->code), options)) {
      RuleContext ctx(*rule.meta, settings, out, nullptr, &images);
      rule.dockerfile(model, ctx);
    }
  }
  std::vector<SuppressionComment> comments;
  for (const Comment &comment : model.parsed.comments) {
    comments.push_back({comment.text, comment.span});
  }
  std::vector<Diagnostic> problems;
  const auto suppressions = parse_suppressions(
      comments, [&](Span span) { return next_instruction(model.parsed, span); }, problems);
  apply_suppressions(suppressions, out);
  out.insert(out.end(), problems.begin(), problems.end());
  return out;
}

/// Severity overrides, selection, positions and a stable order.
void finish(FileResult &result, const LintOptions &options) {
  auto &diags = result.diagnostics;
  diags.erase(std::remove_if(diags.begin(), diags.end(),
                             [&](const Diagnostic &d) {
                               if (!enabled(d.code, options)) {
                                 return true;
                               }
                               auto it = options.severities.find(d.code);
                               return it != options.severities.end() && !it->second;
                             }),
              diags.end());
  for (Diagnostic &d : diags) {
    if (auto it = options.severities.find(d.code); it != options.severities.end() && it->second) {
      d.severity = *it->second;
    }
    if (result.source) {
      d.range = result.source->range(d.span);
    }
  }
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic &a, const Diagnostic &b) {
    if (a.range.start != b.range.start) {
      return a.range.start < b.range.start;
    }
    if (a.range.end != b.range.end) {
      return a.range.end < b.range.end;
    }
    return a.code < b.code;
  });
}

FileKind decide_kind(const std::string &path, const LintOptions &options) {
  if (options.force_kind != FileKind::Auto) {
    return options.force_kind;
  }
  // JSON is read only as a manifest. Other names that say nothing (standard
  // input, a file named on the command line) leave the content to decide.
  return is_json_name(path) ? FileKind::Yaml : kind_from_name(path);
}

/// One generated document of a layer, parsed like a manifest file.
struct GeneratedUnit {
  const GeneratedDocument *document = nullptr;
  std::shared_ptr<const SourceFile> source;
  ManifestModel manifest;
};

/// A chart or kustomization: what it produced and, after phase 3, the
/// findings placed in the real files.
struct LayerAnalysis {
  InputKind kind = InputKind::Chart;
  LayerResult output;
  std::vector<GeneratedUnit> units;
  /// Findings placed in real files, with the document each was made in
  /// (null for the layer's own problems).
  std::vector<std::pair<LayerDiagnostic, const GeneratedDocument *>> routed;
  /// Every place in a real file its generated text came from (each origin
  /// of each segment), by normalized path: a fix edit on such a place
  /// changes what this layer renders too.
  std::map<std::string, std::vector<Span>> used;
};

/// Phase 1's product for one file.
struct Analysis {
  FileResult result;
  int scope = -1; // FileInput::scope
  FileKind kind = FileKind::Auto;
  std::unique_ptr<ManifestModel> manifest;
  std::unique_ptr<LayerAnalysis> layer;
  std::vector<ImageMapping> mappings; // from a Compose or Skaffold file
  /// Images for the lock or registry besides pods': a Dockerfile's base
  /// images, Compose services that pull an image rather than build one.
  std::vector<ImageRef> registry_refs;
  /// A Dockerfile laid out in phase 1 whose base images registries are asked
  /// about in phase 2: linted in phase 3, once they have answered.
  std::unique_ptr<DockerfileModel> dockerfile;
  std::string fs_path;
  bool named_explicitly = false;
  bool finished = false; // its diagnostics are final after phase 1
};

/// Whether phase 3 has work for this manifest: pods to check, syntax errors
/// or suppression comments to report on.
bool needs_context(const ManifestModel &model) {
  return !model.pods.empty() || !model.errors.empty() || !model.comments.empty() ||
         !model.runtime_classes.empty() || model.template_action;
}

/// Renders or builds a layer and parses each generated document. Generated
/// text is parsed whole (every document), as it is small and its syntax
/// errors are the layer's, not the user's.
std::unique_ptr<LayerAnalysis> analyze_layer(const FileInput &input, const LintOptions &options) {
  auto layer = std::make_unique<LayerAnalysis>();
  layer->kind = input.kind;
  layer->output = render_layer(input, options);
  for (const GeneratedDocument &document : layer->output.documents) {
    GeneratedUnit unit;
    unit.document = &document;
    unit.source = std::make_shared<SourceFile>(document.name, document.text);
    unit.manifest = parse_manifest(*unit.source, options.all_documents, options.yaml_limits);
    layer->units.push_back(std::move(unit));
  }
  return layer;
}

std::string directory_of(const std::string &path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}

/// Phase 1: read, decode and parse. Dockerfiles are linted completely here;
/// manifests wait for the repository context (RuntimeClasses, mappings).
/// WC905 on the first line: the file was read and deliberately not linted.
Diagnostic not_linted(const FileInput &input, const SourceFile &source) {
  const std::string_view first = source.line_count() ? source.line(0) : std::string_view();
  return engine_diagnostic(RuleCode::WC905, not_linted_message(input.path),
                           Span{0, static_cast<uint32_t>(first.size())});
}

/// A walked JSON file that cannot be a manifest (package.json, a lock file,
/// data too big to be one) is passed over silently, unread or unparsed.
bool silently_skipped_json(const FileInput &input, const ReadOutcome &read) {
  if (input.named_explicitly || !is_json_name(input.path)) {
    return false;
  }
  return read.error ? read.error->message.find("-byte limit") != std::string::npos
                    : !may_hold_kubernetes_json(read.source->text());
}

/// Phase 1: read, decode and parse. Dockerfiles are linted completely here,
/// unless a registry must first answer for a base image (phase 3 then);
/// manifests wait for the repository context (RuntimeClasses, mappings).
Analysis analyze_input(const FileInput &input, const LintOptions &options, const ImageResolver &images) {
  Analysis a;
  a.named_explicitly = input.named_explicitly;
  if (input.kind != InputKind::File) {
    a.result.path = input.path;
    a.layer = analyze_layer(input, options);
    return a;
  }
  a.fs_path = input.fs_path;
  a.kind = decide_kind(input.path, options);
  a.result.path = input.path;
  a.result.uri = file_uri(input.path);
  a.result.fs_path = input.fs_path;
  a.result.from_stdin = input.content.has_value();
  ReadOutcome read = read_input(input, options);
  // A walked `dockerfile.go` is read for a Dockerfile's content and passed
  // over silently when it has none (or is not text).
  const bool content_decides = a.kind == FileKind::Auto && dockerfile_like_name(input.path);
  if (content_decides && !input.named_explicitly &&
      (read.error || !looks_like_dockerfile(read.source->text()))) {
    a.result.skipped = true;
    return a;
  }
  // A walked binary named `dockerfile.SUFFIX` (`go test -c`'s dockerfile.test)
  // is no Dockerfile: passed over. A binary `Dockerfile` stays WC902.
  if (!input.named_explicitly && !input.content && a.kind == FileKind::Dockerfile && read.error &&
      read.error->message.starts_with("file is binary") && has_dockerfile_suffix(input.path)) {
    a.result.skipped = true;
    return a;
  }
  if (silently_skipped_json(input, read)) {
    a.result.skipped = true;
    return a;
  }
  if (read.error) {
    a.result.diagnostics.push_back(*read.error);
    return a;
  }
  a.result.source = read.source;
  const bool sniffed = a.kind == FileKind::Auto; // named explicitly or standard input
  if (sniffed) {
    a.kind = looks_like_dockerfile(read.source->text()) ? FileKind::Dockerfile : FileKind::Yaml;
  }
  if (content_decides && a.kind != FileKind::Dockerfile) {
    // Named on the command line: source code is no manifest either.
    a.result.diagnostics.push_back(not_linted(input, *read.source));
    return a;
  }
  if (a.kind == FileKind::Dockerfile) {
    if (std::optional<Diagnostic> template_file = unrendered_dockerfile(*read.source)) {
      a.result.diagnostics.push_back(std::move(*template_file));
      return a;
    }
    auto model =
        std::make_unique<DockerfileModel>(parse_dockerfile_model(*read.source, {options.build_args}));
    a.registry_refs = dockerfile_lookups(*model, images);
    if (!a.registry_refs.empty() && images.asks()) {
      a.dockerfile = std::move(model); // linted once registries have answered
    } else {
      a.result.diagnostics = lint_dockerfile(*model, options, images);
    }
  } else if (is_compose_file(input.path)) {
    std::vector<std::string> pulled;
    a.mappings = mappings_from_compose(*read.source, directory_of(input.fs_path), &pulled);
    for (const std::string &image : pulled) {
      if (auto ref = parse_image_ref(image)) { // `${TAG}` left for Compose to fill is not asked about
        a.registry_refs.push_back(std::move(*ref));
      }
    }
  } else if (is_skaffold_file(input.path)) {
    a.mappings = mappings_from_skaffold(*read.source, directory_of(input.fs_path));
  } else {
    a.manifest = std::make_unique<ManifestModel>(
        parse_manifest(*read.source, options.all_documents, options.yaml_limits));
    const bool manifest = a.manifest->is_kubernetes || a.manifest->template_action;
    if ((sniffed || is_json_name(input.path)) && !manifest && (sniffed || a.manifest->errors.empty())) {
      // Neither a Dockerfile nor a manifest: say so rather than pass it over.
      a.manifest.reset();
      if (input.named_explicitly) {
        a.result.diagnostics.push_back(not_linted(input, *read.source));
      } else {
        a.result.skipped = true;
      }
      return a;
    }
    // A walked YAML file that is not a Kubernetes manifest is skipped silently.
    a.result.skipped = !input.named_explicitly && !manifest && a.manifest->errors.empty();
  }
  return a;
}

/// Every image only the lock or a registry can answer for: pods' (manifests,
/// rendered charts, built overlays), Dockerfiles' bases, Compose services'
/// pulled images. Phase 2 collects them so that registries are asked once,
/// in parallel, before any file that needs them is linted.
std::vector<ImageRef> images_for_registry(const std::vector<Analysis> &analyses,
                                          const ImageResolver &images) {
  std::vector<ImageRef> out;
  const auto add_pods = [&](const ManifestModel &model) {
    for (const PodSpec &pod : model.pods) {
      for (const ContainerSpec &spec : pod.containers) {
        if (auto ref = spec.image ? parse_image_ref(spec.image.value) : std::nullopt;
            ref && images.needs_lookup(*ref)) {
          out.push_back(std::move(*ref));
        }
      }
    }
  };
  for (const Analysis &a : analyses) {
    for (const ImageRef &ref : a.registry_refs) {
      if (!images.find_source(ref)) {
        out.push_back(ref);
      }
    }
    if (a.manifest) {
      add_pods(*a.manifest);
    }
    if (a.layer) { // charts and kustomizations: their rendered pods
      for (const GeneratedUnit &unit : a.layer->units) {
        add_pods(unit.manifest);
      }
    }
  }
  return out;
}

/// A Dockerfile an image mapping names, read and laid out with the mapping's
/// build args (or why it cannot be read).
struct MappedDockerfile {
  std::shared_ptr<const SourceFile> source;
  std::unique_ptr<DockerfileModel> model;
  std::string problem;
};

MappedDockerfile read_mapped_dockerfile(const ImageMapping &mapping, const LintOptions &options) {
  MappedDockerfile out;
  std::string error;
  std::optional<std::string> bytes = options.files->read(mapping.dockerfile, options.max_file_size, error);
  if (!bytes) {
    out.problem = "its Dockerfile " + mapping.dockerfile + " cannot be read";
    return out;
  }
  ReadOutcome read = decode_text(mapping.dockerfile, std::move(*bytes), options.max_file_size);
  if (!read.source) {
    out.problem = "its Dockerfile " + mapping.dockerfile + " cannot be decoded";
    return out;
  }
  out.source = read.source;
  out.model = std::make_unique<DockerfileModel>(
      parse_dockerfile_model(*out.source, {mapping_build_args(mapping, options.build_args)}));
  return out;
}

/// Resolves the mapped Dockerfiles' images with what `images` knows now and
/// gives it the images they build.
void resolve_sources(ImageResolver &images, const std::vector<ImageMapping> &mappings,
                     std::vector<MappedDockerfile> &dockerfiles) {
  std::vector<ImageSource> sources;
  for (size_t i = 0; i < mappings.size(); ++i) {
    MappedDockerfile &mapped = dockerfiles[i];
    if (mapped.model) {
      resolve_dockerfile_images(*mapped.model, images);
    }
    sources.push_back(resolve_image_source(mappings[i], mapped.model.get(), mapped.problem));
  }
  images.set_sources(std::move(sources));
}

/// Where a span of a layer's generated document lands in a real file.
SpanPlacer layer_placer(const GeneratedDocument &document, const LayerFiles &files) {
  return [&document, &files](Span span) {
    const RoutedSpan routed = route_span(document, span);
    const auto it = files.find(routed.place.path());
    if (it == files.end()) {
      return PlacedSpan{routed.place.path(), routed.place.span, nullptr, false};
    }
    return PlacedSpan{routed.place.path(), routed.place.span, it->second, routed.exact};
  };
}

/// Phase 2 for one configuration: the RuntimeClasses of every file, the
/// images the repository builds (config `images:`, Compose, Skaffold), and
/// one prefetch of every image only registries know.
void build_context(RepoContext &context, const std::vector<Analysis> &analyses, const LintOptions &options) {
  std::vector<ImageMapping> mappings = options.images;
  for (const Analysis &a : analyses) {
    if (a.manifest) {
      const std::shared_ptr<const SourceFile> source = a.result.source;
      const std::string path = a.result.path;
      for (const RuntimeClassSpec &rc : a.manifest->runtime_classes) {
        context.runtime_classes.emplace(rc.name, rc);
        if (options.observer) {
          options.observer->runtime_class(rc, [&](Span span) {
            return PlacedSpan{path, span, source, true};
          });
        }
      }
    }
    if (a.layer) {
      for (const GeneratedUnit &unit : a.layer->units) {
        for (const RuntimeClassSpec &rc : unit.manifest.runtime_classes) {
          context.runtime_classes.emplace(rc.name, rc);
          if (options.observer) {
            options.observer->runtime_class(rc, layer_placer(*unit.document, a.layer->output.files));
          }
        }
      }
    }
    mappings.insert(mappings.end(), a.mappings.begin(), a.mappings.end());
  }
  ImageResolver &images = context.images;
  std::vector<MappedDockerfile> dockerfiles;
  for (const ImageMapping &mapping : mappings) {
    dockerfiles.push_back(read_mapped_dockerfile(mapping, options));
  }
  resolve_sources(images, mappings, dockerfiles);
  if (!images.registry()) {
    return;
  }
  std::vector<ImageRef> wanted = images_for_registry(analyses, images);
  const size_t pods_and_files = wanted.size();
  for (const ImageSource &source : images.sources()) {
    if (source.base_ref && source.problem.empty() && source.resolution.os == ImageOs::Unknown) {
      wanted.push_back(*source.base_ref); // a mapped Dockerfile built on a private image
    }
  }
  images.prefetch(wanted);
  if (wanted.size() > pods_and_files && images.asks()) {
    resolve_sources(images, mappings, dockerfiles); // their bases have answers now
  }
}

/// The resolver and inventory of one configuration, before any file is read.
RepoContext new_context(const LintOptions &options) {
  RepoContext context;
  context.pools = options.pools;
  context.has_inventory = options.has_inventory || !options.pools.empty();
  context.images = ImageResolver(options.registry.get());
  return context;
}

/// One finding per problem in one pod: a rule that `yields_to` others (its
/// metadata) is dropped from a pod where one of them, not turned off in
/// config, reports: the same problem, said more precisely.
void drop_repeated_problems(std::vector<Diagnostic> &found, const LintOptions &options) {
  const auto reported = [&](RuleCode code) {
    const std::string_view text = rule_meta(code).code;
    const auto severity = options.severities.find(std::string(text));
    const bool off = severity != options.severities.end() && !severity->second;
    return !off &&
           std::any_of(found.begin(), found.end(), [&](const Diagnostic &d) { return d.code == text; });
  };
  std::erase_if(found, [&](const Diagnostic &d) {
    const RuleMeta *meta = meta_of(d);
    return meta && std::any_of(meta->yields_to.begin(), meta->yields_to.end(), reported);
  });
}

/// Phase 3 for a manifest: pod rules, then suppressions.
void lint_model(const ManifestModel &model, const SourceFile &source, const RepoContext &context,
                const LintOptions &options, std::vector<Diagnostic> &out,
                std::vector<Diagnostic> file_notices, const SpanPlacer &place,
                const std::string &environment) {
  for (const YamlSyntaxError &error : model.errors) {
    out.push_back(
        engine_diagnostic(error.over_limit ? RuleCode::WC902 : RuleCode::WC901, error.message, error.span));
  }
  // Before suppressions, so that comments and --ignore apply to them too.
  std::move(file_notices.begin(), file_notices.end(), std::back_inserter(out));
  std::vector<Diagnostic> problems;
  for (const PodSpec &pod : model.pods) {
    const PodAnalysis analysis = analyze_pod(pod, context, options.settings);
    if (options.observer) {
      options.observer->pod(analysis, place, environment);
    }
    std::vector<Diagnostic> found;
    for (const RuleEntry &rule : all_rules()) {
      if (rule.pod && enabled(std::string(rule.meta->code), options)) {
        RuleContext ctx(*rule.meta, options.settings, found, &source, &context.images);
        rule.pod(analysis, ctx);
      }
    }
    const std::vector<std::string> ignored = annotation_codes(pod, problems);
    std::erase_if(found, [&](const Diagnostic &d) {
      return std::find(ignored.begin(), ignored.end(), d.code) != ignored.end();
    });
    drop_repeated_problems(found, options);
    std::move(found.begin(), found.end(), std::back_inserter(out));
  }
  std::vector<SuppressionComment> comments;
  for (const auto &[text, span] : model.comments) {
    comments.push_back({text, span});
  }
  const auto suppressions = parse_suppressions(
      comments, [&](Span span) { return yaml_comment_covers(source, span); }, problems);
  apply_suppressions(suppressions, out);
  out.insert(out.end(), problems.begin(), problems.end());
}

/// `cross_file`: findings that needed every file (per-run rules).
void lint_manifest(Analysis &a, const RepoContext &context, const LintOptions &options,
                   std::vector<Diagnostic> cross_file) {
  if (a.manifest->template_action) {
    cross_file.push_back(engine_diagnostic(RuleCode::WC907,
                                           unrendered_template_message(a.result.path, a.fs_path),
                                           *a.manifest->template_action));
  }
  const std::shared_ptr<const SourceFile> source = a.result.source;
  const std::string path = a.result.path;
  const SpanPlacer place = [&](Span span) { return PlacedSpan{path, span, source, true}; };
  lint_model(*a.manifest, *a.result.source, context, options, a.result.diagnostics, std::move(cross_file),
             place, "");
}

/// A kustomize finding placed outside the overlay's own folder (in a base
/// that other overlays share) names the build it was found in, and loses its
/// fix: editing the base would change every overlay, not only this one.
void name_the_build(LayerDiagnostic &placed, const GeneratedDocument &document) {
  const std::string own_folder =
      std::filesystem::path(document.fallback.path()).parent_path().generic_string();
  const std::string place = std::filesystem::path(placed.path).lexically_normal().generic_string();
  if (own_folder.empty() || place.starts_with(own_folder + "/")) {
    return;
  }
  const Origin build{document.fallback.file, {}, OriginRole::DeployedBy, Interned(document.name)};
  placed.diagnostic.related.push_back(related_at(build, nullptr));
  placed.diagnostic.data.fix.reset();
}

bool inside_any(const std::string &path, const std::vector<std::string> &dirs) {
  return std::any_of(dirs.begin(), dirs.end(),
                     [&](const std::string &dir) { return path.starts_with(dir + "/"); });
}

/// Phase 3 for a layer: lint each generated document, then place every
/// finding in the real file its decisive text came from.
void lint_layer(LayerAnalysis &layer, const RepoContext &context, const LintOptions &options) {
  for (const GeneratedUnit &unit : layer.units) {
    std::vector<Diagnostic> found;
    lint_model(unit.manifest, *unit.source, context, options, found, {},
               layer_placer(*unit.document, layer.output.files), unit.document->environment);
    for (Diagnostic &d : found) {
      if (auto placed = route_diagnostic(std::move(d), *unit.document, *unit.source, layer.output.files)) {
        if (layer.kind == InputKind::Kustomization) {
          name_the_build(*placed, *unit.document);
        }
        if (inside_any(placed->path, layer.output.read_only_dirs)) {
          placed->diagnostic.data.fix.reset(); // in an archive: nothing to edit
        }
        layer.routed.emplace_back(std::move(*placed), unit.document);
      }
    }
  }
  for (LayerDiagnostic &problem : layer.output.diagnostics) {
    layer.routed.emplace_back(std::move(problem), nullptr);
  }
  layer.output.diagnostics.clear();
  for (const GeneratedDocument &document : layer.output.documents) {
    for (const OriginSegment &segment : document.origins) {
      for (const Origin &origin : segment.chain) {
        layer.used[std::filesystem::path(origin.path()).lexically_normal().generic_string()].push_back(
            origin.span);
      }
    }
  }
  // Free what only this phase needed here, on this worker, rather than all
  // layers' generated text and origin maps serially at the end of the run.
  // Gathering still reads each document's name and fallback.
  layer.units.clear();
  for (GeneratedDocument &document : layer.output.documents) {
    document.text = std::string();
    document.origins = std::vector<OriginSegment>();
  }
}

void finish_result(FileResult &result, const LintOptions &options) {
  finish(result, options);
  if (result.diagnostics.empty()) {
    result.source.reset(); // reporters need the text only to show diagnostics
  }
}

/// Runs `fn(i)` for every index on `jobs` threads; each writes its own slot,
/// so results never depend on scheduling.
template <typename Fn> void parallel_for(size_t count, unsigned jobs, Fn &&fn) {
  jobs = static_cast<unsigned>(std::min<size_t>(std::max(1u, jobs), std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  const auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      fn(i);
    }
  };
  run_on_threads(jobs, worker);
}

std::string normal_path(const std::string &path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

/// Every real file a layer read, by normalized path.
std::set<std::string> files_read_by_layers(const std::vector<Analysis> &analyses) {
  std::set<std::string> read;
  for (const Analysis &a : analyses) {
    if (a.layer) {
      for (const auto &[path, file] : a.layer->output.files) {
        read.insert(normal_path(path));
      }
    }
  }
  return read;
}

bool same_finding(const Diagnostic &a, const Diagnostic &b) {
  return a.span == b.span && a.code == b.code && a.message == b.message;
}

/// Collects the results in input order. A layer contributes every real file
/// it read (where its findings were placed), once even when several layers
/// read it (an overlay's base): the same finding made by several builds is
/// reported once. A walked plain file that a layer read is linted through
/// the layer only.
class ResultGatherer {
public:
  ResultGatherer(std::vector<Analysis> &analyses, const LintOptions &options)
      : analyses_(analyses), options_(options), read_by_layers_(files_read_by_layers(analyses)) {}

  LintResult gather() {
    for (Analysis &a : analyses_) {
      if (a.layer) {
        scope_ = a.scope;
        add_layer(*a.layer);
      } else if (a.named_explicitly || !read_by_layers_.count(normal_path(a.result.path))) {
        result_.files.push_back(std::move(a.result));
      }
    }
    for (size_t i = 0; i < routed_.size(); ++i) {
      apply_file_pragmas(result_.files[routed_[i]]);
      finish_result(result_.files[routed_[i]], scoped(options_, routed_scopes_[i]));
    }
    return std::move(result_);
  }

private:
  void add_layer(LayerAnalysis &layer) {
    for (const auto &[path, source] : layer.output.files) {
      slot(path, source);
    }
    for (auto &entry : layer.routed) {
      LayerDiagnostic &placed = entry.first;
      const GeneratedDocument *document = entry.second;
      FileResult &file = result_.files[slot(placed.path, nullptr)];
      auto seen = std::find_if(file.diagnostics.begin(), file.diagnostics.end(),
                               [&](const Diagnostic &d) { return same_finding(d, placed.diagnostic); });
      if (seen == file.diagnostics.end()) {
        file.diagnostics.push_back(std::move(placed.diagnostic));
      } else if (document && document->fallback.path() != placed.path) {
        // The same finding in another build (a base shared by overlays):
        // reported once, naming every build that deploys it.
        RelatedInformation also = also_in(*document, layer.output.files);
        const bool named = std::any_of(seen->related.begin(), seen->related.end(), [&](const auto &r) {
          return r.path == also.path && r.message.ends_with(document->name);
        });
        if (!named) {
          seen->related.push_back(std::move(also));
        }
      }
    }
  }

  /// `# wincompat ignore=` comments in a real file a layer placed findings
  /// in (a values file, a template, an overlay) apply there as in any YAML
  /// file: the suppression sits where the finding is shown.
  static void apply_file_pragmas(FileResult &file) {
    if (!file.source) {
      return;
    }
    const std::vector<SuppressionComment> comments = pragma_comments(file.source->text());
    if (comments.empty()) {
      return;
    }
    std::vector<Diagnostic> problems;
    const auto suppressions = parse_suppressions(
        comments, [&](Span span) { return yaml_comment_covers(*file.source, span); }, problems);
    apply_suppressions(suppressions, file.diagnostics);
    for (Diagnostic &problem : problems) {
      problem.range = file.source->range(problem.span);
      file.diagnostics.push_back(std::move(problem));
    }
  }

  static RelatedInformation also_in(const GeneratedDocument &document, const LayerFiles &files) {
    const Origin build{document.fallback.file, document.fallback.span, OriginRole::AlsoDeployedBy,
                       Interned(document.name)};
    const auto it = files.find(build.path());
    return related_at(build, it != files.end() ? it->second.get() : nullptr);
  }

  /// The result for a real file, created on first use.
  size_t slot(const std::string &path, const std::shared_ptr<const SourceFile> &source) {
    const std::string key = normal_path(path);
    if (auto it = slots_.find(key); it != slots_.end()) {
      return it->second;
    }
    FileResult file;
    file.path = path;
    file.fs_path = path;
    file.uri = file_uri(path);
    file.source = source;
    result_.files.push_back(std::move(file));
    routed_.push_back(result_.files.size() - 1);
    routed_scopes_.push_back(scope_);
    return slots_[key] = result_.files.size() - 1;
  }

  std::vector<Analysis> &analyses_;
  const LintOptions &options_;
  const std::set<std::string> read_by_layers_;
  LintResult result_;
  std::map<std::string, size_t> slots_;
  std::vector<size_t> routed_;
  std::vector<int> routed_scopes_; // the scope of the layer that first placed a finding in each
  int scope_ = -1;                 // of the layer being added
};

/// Per-run checks (scope: run, such as a RuntimeClass defined twice) over
/// every linted manifest, keyed by the index of the analysis they are in.
std::map<size_t, std::vector<Diagnostic>> run_rule_checks(const std::vector<Analysis> &analyses) {
  RunInputs files;
  for (const Analysis &a : analyses) {
    files.push_back(
        {a.manifest ? &*a.manifest : nullptr, a.result.source.get(), a.result.path, a.result.uri});
  }
  return run_checks(files);
}

/// Phase 3 for a Dockerfile whose base images registries were asked about in
/// phase 2: linted now, once, with their answers.
void lint_waiting_dockerfile(Analysis &a, const LintOptions &options, const ImageResolver &images) {
  a.result.diagnostics = lint_dockerfile(*a.dockerfile, options, images);
  a.dockerfile.reset();
  finish_result(a.result, options);
  a.finished = true;
}

/// Run-level notices (merge: first-per-run): the first file that reports
/// one keeps it.
void keep_first_pairing_notice(std::vector<Analysis> &analyses) {
  bool kept = false;
  for (Analysis &a : analyses) {
    auto &diags = a.result.diagnostics;
    if (!kept) {
      kept = std::any_of(diags.begin(), diags.end(), first_per_run);
      continue;
    }
    if (std::erase_if(diags, first_per_run) > 0 && diags.empty() && a.finished) {
      a.result.source.reset();
    }
  }
}

/// Rules that merge one finding per image per run (merge: one-per-image):
/// the first use keeps it, every later use becomes related information on it.
void merge_repeated_unknown_images(LintResult &result) {
  std::map<std::string, std::pair<size_t, size_t>> first; // image -> (file, diagnostic)
  std::vector<std::vector<size_t>> repeated(result.files.size());
  for (size_t f = 0; f < result.files.size(); ++f) {
    FileResult &file = result.files[f];
    for (size_t i = 0; i < file.diagnostics.size(); ++i) {
      const Diagnostic &d = file.diagnostics[i];
      const RuleMeta *meta = meta_of(d);
      if (!meta || meta->merge != Merge::OnePerImage || d.data.image.empty()) {
        continue;
      }
      const auto [it, inserted] = first.emplace(d.data.image, std::make_pair(f, i));
      if (!inserted) {
        const auto [ff, fi] = it->second;
        result.files[ff].diagnostics[fi].related.push_back({file.uri, file.path, d.range, "also used here"});
        repeated[f].push_back(i);
      }
    }
  }
  for (size_t f = 0; f < result.files.size(); ++f) {
    std::vector<Diagnostic> &diagnostics = result.files[f].diagnostics;
    for (auto i = repeated[f].rbegin(); i != repeated[f].rend(); ++i) {
      diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(*i));
    }
  }
}

/// A fix edit placed in a real file.
struct PlacedEdit {
  std::string path; // normalized
  Span span;
  std::string text;
  bool operator==(const PlacedEdit &) const = default;
};

std::vector<PlacedEdit> placed_edits(const LayerDiagnostic &placed, const LayerFiles &files) {
  std::vector<PlacedEdit> edits;
  const auto file = files.find(placed.path);
  if (!placed.diagnostic.data.fix || file == files.end() || !file->second) {
    return edits;
  }
  for (const TextEdit &edit : placed.diagnostic.data.fix->edits) {
    edits.push_back({normal_path(placed.path),
                     {file->second->offset(edit.range.start), file->second->offset(edit.range.end)},
                     edit.new_text});
  }
  return edits;
}

bool overlaps(const std::vector<Span> &spans, Span span) {
  return std::any_of(spans.begin(), spans.end(), [&](Span s) {
    return (s.begin < span.end && span.begin < s.end) || (s.begin == span.begin && s.end == span.end);
  });
}

/// The name a layer's findings carry: its `charts:` entry (environment), or
/// its chart or kustomization.
std::string layer_name(const LayerAnalysis &layer) {
  for (const GeneratedDocument &document : layer.output.documents) {
    if (!document.environment.empty()) {
      return "environment " + document.environment;
    }
  }
  return layer.output.documents.empty() ? std::string("another rendering")
                                        : "the build of " + layer.output.documents.front().fallback.path();
}

/// The display path of `values_file` when layer `i` reads it and no other
/// layer does (an environment's own values file), else "".
std::string own_file(const std::string &values_file, size_t i, const std::vector<size_t> &layers,
                     const std::vector<Analysis> &analyses) {
  std::error_code ec;
  const std::filesystem::path wanted = std::filesystem::weakly_canonical(values_file, ec);
  const auto same = [&](const std::string &display) {
    std::error_code ignored;
    return !ec && std::filesystem::weakly_canonical(display, ignored) == wanted;
  };
  std::string own;
  for (size_t j : layers) {
    for (const auto &[display, file] : analyses[j].layer->output.files) {
      if (same(display)) {
        if (j != i) {
          return "";
        }
        own = display;
      }
    }
  }
  // Config values files are read by absolute path: named from here.
  std::error_code ignored;
  if (const std::filesystem::path relative = std::filesystem::proximate(own, ignored);
      std::filesystem::path(own).is_absolute() && !ignored && !relative.empty() &&
      *relative.begin() != "..") {
    return relative.generic_string();
  }
  return own;
}

/// Whether `layer` found the same problem at the same text as `placed` (an
/// overlay that builds the base line a base's finding is on): it needs the
/// change too, even when it offers no fix of its own there.
bool reports_same(const LayerAnalysis &layer, const LayerDiagnostic &placed) {
  const std::string path = normal_path(placed.path);
  return std::any_of(layer.routed.begin(), layer.routed.end(), [&](const auto &entry) {
    const Diagnostic &theirs = entry.first.diagnostic;
    return theirs.span == placed.diagnostic.span && theirs.code == placed.diagnostic.code &&
           theirs.data.image == placed.diagnostic.data.image && normal_path(entry.first.path) == path;
  });
}

/// A fix is certain only if it repairs what it was found in without changing
/// what another rendering reads: an edit on text another layer also renders
/// (a values.yaml line two `charts:` environments share) is kept only when
/// that layer proposes the very same edit. Otherwise the fix is dropped and
/// the message says why and where the value belongs instead: the
/// environment's own values file, when only it reads one.
void drop_fixes_on_shared_text(std::vector<Analysis> &analyses, const std::vector<FileInput> &inputs,
                               const LintOptions &options) {
  std::vector<size_t> layers;
  for (size_t i = 0; i < analyses.size(); ++i) {
    if (analyses[i].layer) {
      layers.push_back(i);
    }
  }
  if (layers.size() < 2) {
    return;
  }
  // Every edit each layer proposes, to see whether another layer agrees.
  std::vector<std::vector<PlacedEdit>> proposed(analyses.size());
  for (size_t i : layers) {
    const LayerAnalysis &layer = *analyses[i].layer;
    for (const auto &[placed, document] : layer.routed) {
      for (PlacedEdit &edit : placed_edits(placed, layer.output.files)) {
        proposed[i].push_back(std::move(edit));
      }
    }
  }
  for (size_t i : layers) {
    LayerAnalysis &layer = *analyses[i].layer;
    for (auto &[placed, document] : layer.routed) {
      Diagnostic &d = placed.diagnostic;
      std::vector<std::string> sharers;
      for (const PlacedEdit &edit : placed_edits(placed, layer.output.files)) {
        for (size_t j : layers) {
          const LayerAnalysis &other = *analyses[j].layer;
          const auto used = other.used.find(edit.path);
          if (j == i || used == other.used.end() || !overlaps(used->second, edit.span) ||
              std::find(proposed[j].begin(), proposed[j].end(), edit) != proposed[j].end() ||
              reports_same(other, placed)) {
            continue;
          }
          if (const std::string name = layer_name(other);
              std::find(sharers.begin(), sharers.end(), name) == sharers.end()) {
            sharers.push_back(name);
          }
        }
      }
      if (sharers.empty()) {
        continue;
      }
      std::string why = "no automatic fix: this line is also rendered by " + join(sharers, ", ") +
                        ", which does not need the change";
      const int env = inputs[i].chart_environment;
      if (env >= 0 && static_cast<size_t>(env) < options.chart_environments.size()) {
        const auto &values = options.chart_environments[static_cast<size_t>(env)].values_files;
        for (auto it = values.rbegin(); it != values.rend(); ++it) {
          if (const std::string own = own_file(*it, i, layers, analyses); !own.empty()) {
            why += "; set the value in " + own + ", which only this environment reads";
            break;
          }
        }
      }
      const std::string proposal = "; " + d.data.fix->title;
      if (const size_t at = d.message.find(proposal); at != std::string::npos) {
        d.message.replace(at, proposal.size(), "; " + why);
      } else {
        d.message += "; " + why;
      }
      d.data.fix.reset();
    }
  }
}

/// For `wincompat plan` (the run's observer sees what is deployed): a
/// kustomization that another linted kustomization builds (a base under its
/// overlays) is deployed through those builds, so it is judged through them,
/// not as a deployment of its own, unless it was named on the command line.
/// Its build problems are still reported. `lint` still lints such a base
/// alone too.
void skip_bases_of_linted_overlays(std::vector<Analysis> &analyses, const std::vector<FileInput> &inputs) {
  const auto normal = [](const std::string &path) {
    return std::filesystem::path(path).lexically_normal().generic_string();
  };
  for (size_t i = 0; i < analyses.size(); ++i) {
    LayerAnalysis *base = analyses[i].layer.get();
    if (!base || base->kind != InputKind::Kustomization || inputs[i].named_explicitly ||
        base->units.empty()) {
      continue;
    }
    const std::string folder = normal(inputs[i].path);
    const auto built_by_other = [&](size_t j) {
      const LayerAnalysis *other = analyses[j].layer.get();
      if (j == i || !other || other->kind != InputKind::Kustomization) {
        return false;
      }
      return std::any_of(other->output.files.begin(), other->output.files.end(), [&](const auto &file) {
        const std::string read = normal(file.first);
        const std::string name = std::filesystem::path(read).filename().string();
        return normal(std::filesystem::path(read).parent_path().generic_string()) == folder &&
               (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization");
      });
    };
    bool built = false;
    for (size_t j = 0; j < analyses.size() && !built; ++j) {
      built = built_by_other(j);
    }
    if (built) {
      base->units.clear();
      base->output.documents.clear(); // nor does it share the text its overlays render
    }
  }
}

} // namespace

LayerResult render_layer(const FileInput &input, const LintOptions &options) {
  if (!options.files) {
    LintOptions run = options;
    run.files = files_or_disk(nullptr);
    return render_layer(input, run);
  }
  if (input.kind == InputKind::Chart) {
    return render_chart(chart_request(input, options));
  }
  return build_kustomization(kustomize_request(input, options));
}

const LintOptions &scoped(const LintOptions &options, int scope) {
  return scope >= 0 && static_cast<size_t>(scope) < options.scopes.size()
             ? options.scopes[static_cast<size_t>(scope)]
             : options;
}

/// The node inventory's own findings (rules of kind `inventory`, WC213), in
/// the inventory files that name each pool's OS: each pool once, however
/// many configs share the inventory.
void lint_inventory(const LintOptions &options, std::set<std::string> &seen, LintResult &result) {
  std::map<std::string, FileResult> files; // by path, in path order
  for (const NodePool &pool : options.pools) {
    if (!pool.origin || !seen.insert(pool.origin_path + '\x1f' + pool.name).second) {
      continue;
    }
    FileResult &file = files[pool.origin_path];
    for (const RuleEntry &rule : all_rules()) {
      if (rule.pool && enabled(std::string(rule.meta->code), options)) {
        RuleContext ctx(*rule.meta, options.settings, file.diagnostics, pool.origin.get());
        rule.pool(pool, ctx);
      }
    }
    file.source = pool.origin;
  }
  // Not a structured binding: clang 14 cannot capture one in the lambdas below.
  for (auto &entry : files) {
    const std::string &origin = entry.first;
    FileResult &file = entry.second;
    const std::string path = display_path(origin);
    file.path = path;
    file.uri = file_uri(origin);
    // `# wincompat ignore=WC213` comments in the inventory apply as in any
    // YAML file; a malformed one is reported where the file itself is linted.
    std::vector<Diagnostic> malformed;
    const auto suppressions = parse_suppressions(
        pragma_comments(file.source->text()),
        [&](Span span) { return yaml_comment_covers(*file.source, span); }, malformed);
    apply_suppressions(suppressions, file.diagnostics);
    finish_result(file, options);
    if (file.diagnostics.empty()) {
      continue;
    }
    const auto same = std::find_if(result.files.begin(), result.files.end(),
                                   [&](const FileResult &linted) { return linted.path == path; });
    if (same == result.files.end()) {
      result.files.push_back(std::move(file));
      continue;
    }
    // The inventory is also a linted file: one result for it.
    if (!same->source) {
      same->source = file.source;
    }
    std::move(file.diagnostics.begin(), file.diagnostics.end(), std::back_inserter(same->diagnostics));
    finish(*same, options);
  }
}

LintResult lint(const std::vector<FileInput> &inputs, const LintOptions &options) {
  if (!options.files || std::any_of(options.scopes.begin(), options.scopes.end(),
                                    [&](const LintOptions &scope) { return scope.files != options.files; })) {
    // One file system for the run: every file, in every scope, reads the same.
    LintOptions run = options;
    run.files = files_or_disk(options.files);
    for (LintOptions &scope : run.scopes) {
      scope.files = run.files;
    }
    return lint(inputs, run);
  }
  const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // One context per config, its image resolver made before any rule runs:
  // RuntimeClasses come from every file (a cluster has them all), the
  // inventory and the images: mappings from the config that governs the
  // file being checked.
  std::vector<RepoContext> contexts;
  contexts.push_back(new_context(options));
  for (const LintOptions &scope : options.scopes) {
    contexts.push_back(new_context(scope));
  }
  std::vector<Analysis> analyses(inputs.size());
  parallel_for(inputs.size(), jobs, [&](size_t i) {
    Analysis &a = analyses[i];
    const LintOptions &own = scoped(options, inputs[i].scope);
    const int scope = &own == &options ? -1 : inputs[i].scope;
    a = analyze_input(inputs[i], own, contexts[static_cast<size_t>(scope + 1)].images);
    a.scope = scope;
    if (!a.dockerfile && (!a.manifest || !needs_context(*a.manifest))) {
      // Done now: the text of a file with nothing to report is freed at once
      // rather than held through phase 2 (most of a repository's YAML bytes).
      finish_result(a.result, own);
      a.finished = true;
    }
  });
  if (options.observer) {
    skip_bases_of_linted_overlays(analyses, inputs);
  }
  build_context(contexts[0], analyses, options);
  for (size_t s = 0; s < options.scopes.size(); ++s) {
    build_context(contexts[s + 1], analyses, options.scopes[s]);
  }
  std::map<size_t, std::vector<Diagnostic>> duplicates = run_rule_checks(analyses);
  // A walked plain file that a layer reads is linted through the layer only
  // (ResultGatherer drops it): the observer does not see it a second time.
  const std::set<std::string> read_by_layers =
      options.observer ? files_read_by_layers(analyses) : std::set<std::string>{};
  parallel_for(inputs.size(), jobs, [&](size_t i) {
    Analysis &a = analyses[i];
    const LintOptions &own = scoped(options, a.scope);
    const RepoContext &context = contexts[static_cast<size_t>(a.scope + 1)];
    if (a.layer) {
      lint_layer(*a.layer, context, own);
    } else if (a.dockerfile) {
      lint_waiting_dockerfile(a, own, context.images);
    } else if (!a.finished && a.result.source &&
               (a.named_explicitly || !read_by_layers.count(normal_path(a.result.path)))) {
      auto found = duplicates.find(i); // read-only lookups: safe across threads
      lint_manifest(a, context, own,
                    found == duplicates.end() ? std::vector<Diagnostic>{} : std::move(found->second));
      finish_result(a.result, own);
      a.manifest.reset();
    }
  });
  keep_first_pairing_notice(analyses); // in input order, every Dockerfile linted
  drop_fixes_on_shared_text(analyses, inputs, options);
  LintResult result = ResultGatherer(analyses, options).gather();
  merge_repeated_unknown_images(result);
  std::set<std::string> inventory_pools;
  for (size_t s = 0; s <= options.scopes.size(); ++s) {
    lint_inventory(s == 0 ? options : options.scopes[s - 1], inventory_pools, result);
  }
  for (size_t s = 0; s <= options.scopes.size(); ++s) {
    const LintOptions &own = s == 0 ? options : options.scopes[s - 1];
    if (own.config_notices) {
      result.files.push_back(*own.config_notices);
      finish_result(result.files.back(), own); // rule levels, --select and --ignore apply
    }
  }
  return result;
}

FileResult lint_text(const std::string &path, const std::string &text, const LintOptions &options) {
  FileInput input{path, path, true, text};
  return std::move(lint({input}, options).files.front());
}

} // namespace wincompat

// Kubernetes manifests: which documents matter, and the workloads,
// RuntimeClasses and nodes in them.
#include "yaml_document.hpp"

#include "frontends/pod_kinds.hpp"

#include "text_util.hpp"

#include <chrono>
#include <cstring>
#include <set>
#include <unordered_set>

namespace wincompat {

std::vector<Span> yaml_document_spans(const std::string &text) {
  std::vector<Span> spans;
  uint32_t start = 0;
  uint32_t line = 0;
  const auto size = static_cast<uint32_t>(text.size());
  while (line < size) {
    const size_t newline = text.find('\n', line);
    const uint32_t next = newline == std::string::npos ? size : static_cast<uint32_t>(newline) + 1;
    const std::string_view content = std::string_view(text).substr(line, next - line);
    const bool marker =
        content.starts_with("---") && (content.size() == 3 || content[3] == ' ' || content[3] == '\t' ||
                                       content[3] == '\r' || content[3] == '\n');
    if (marker && line > start) {
      spans.push_back({start, line});
      start = line;
    }
    line = next;
  }
  if (size > start || spans.empty()) {
    spans.push_back({start, size});
  }
  return spans;
}

namespace {

/// What a document's bytes say about its top-level `kind` and `apiVersion`.
/// Block style is read line by line; anything else (flow or JSON style, a
/// tag, an anchor or a merge key at the top) is not `certain`: the document
/// is then parsed, so that default mode finds what --all-documents finds.
struct KindSniff {
  std::string kind;
  bool api_version = false;
  bool certain = true;
};

/// A block-style key at the start of `text` (plain, "double" or 'single'
/// quoted) followed by ':' and a space or the line end; empty when none.
std::string_view block_key(std::string_view text, std::string_view &rest) {
  std::string_view key;
  size_t after = 0;
  if (!text.empty() && (text[0] == '"' || text[0] == '\'')) {
    const size_t close = text.find(text[0], 1);
    if (close == std::string_view::npos) {
      return {};
    }
    key = text.substr(1, close - 1);
    after = close + 1;
    while (after < text.size() && text[after] == ' ') {
      ++after;
    }
  } else {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      return {};
    }
    key = trim(text.substr(0, colon));
    after = colon;
  }
  if (after >= text.size() || text[after] != ':' ||
      (after + 1 < text.size() && text[after + 1] != ' ' && text[after + 1] != '\t')) {
    return {};
  }
  rest = text.substr(after + 1);
  return key;
}

/// A block-style scalar value: comment, tag and anchor removed, unquoted.
/// False when the value is not a one-line scalar (an alias, a block scalar,
/// a flow collection, a value on the next lines).
bool block_value(std::string_view text, std::string &out) {
  if (const size_t hash = text.find(" #"); hash != std::string_view::npos) {
    text = text.substr(0, hash);
  }
  text = trim(text);
  while (!text.empty() && (text[0] == '!' || text[0] == '&')) {
    const size_t space = text.find(' ');
    text = space == std::string_view::npos ? std::string_view() : trim(text.substr(space));
  }
  if (text.empty() || std::string_view("*|>{[#").find(text[0]) != std::string_view::npos) {
    return false;
  }
  if (text.size() >= 2 && (text[0] == '"' || text[0] == '\'') && text.back() == text[0]) {
    text = text.substr(1, text.size() - 2);
  }
  out = std::string(text);
  return true;
}

KindSniff sniff_kind(std::string_view doc) {
  KindSniff out;
  int base = -1; // indentation of the top-level mapping
  size_t at = 0;
  while (at < doc.size()) {
    size_t end = doc.find('\n', at);
    if (end == std::string_view::npos) {
      end = doc.size();
    }
    std::string_view line = doc.substr(at, end - at);
    at = end + 1;
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    if (base < 0 && (line.starts_with("---") || line.starts_with("..."))) {
      const std::string_view after = trim(line.substr(3));
      if (!after.empty() && after[0] != '#') {
        out.certain = false; // `--- {kind: Pod}`, `--- !!map`, `--- &a`
        return out;
      }
      continue;
    }
    const size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#' ||
        (base < 0 && indent == 0 && line[0] == '%')) {
      continue;
    }
    const std::string_view text = line.substr(indent);
    if (base < 0) {
      if (text.starts_with("- ") || text == "-") {
        return out; // a top-level sequence: no object
      }
      if (std::string_view("{[!&*?|>\t").find(text[0]) != std::string_view::npos) {
        out.certain = false;
        return out;
      }
      base = static_cast<int>(indent);
    }
    if (static_cast<int>(indent) != base) {
      if (static_cast<int>(indent) < base) {
        out.certain = false;
        return out;
      }
      continue;
    }
    std::string_view rest;
    const std::string_view key = block_key(text, rest);
    if (key == "<<") {
      out.certain = false; // a merge key may bring the kind
      return out;
    }
    if (key == "apiVersion") {
      out.api_version = true;
    } else if (key == "kind" && out.kind.empty()) {
      if (!block_value(rest, out.kind)) {
        out.certain = false;
        return out;
      }
    }
  }
  return out;
}

/// Built-in kinds that never hold a pod spec. Their bodies may still say
/// "containers" (CRD schemas, ConfigMap blobs), so the kind decides first.
const std::set<std::string> &inert_kinds() {
  static const std::set<std::string> kinds{"ConfigMap",
                                           "Secret",
                                           "CustomResourceDefinition",
                                           "Service",
                                           "Ingress",
                                           "IngressClass",
                                           "Role",
                                           "RoleBinding",
                                           "ClusterRole",
                                           "ClusterRoleBinding",
                                           "ServiceAccount",
                                           "Namespace",
                                           "NetworkPolicy",
                                           "PersistentVolume",
                                           "PersistentVolumeClaim",
                                           "StorageClass",
                                           "HorizontalPodAutoscaler",
                                           "PodDisruptionBudget",
                                           "ValidatingWebhookConfiguration",
                                           "MutatingWebhookConfiguration",
                                           "APIService",
                                           "Endpoints",
                                           "EndpointSlice",
                                           "LimitRange",
                                           "ResourceQuota",
                                           "PriorityClass",
                                           "Lease",
                                           "Event",
                                           "CSIDriver",
                                           "VolumeSnapshotClass",
                                           "ValidatingAdmissionPolicy",
                                           "ValidatingAdmissionPolicyBinding"};
  return kinds;
}

/// Whether a document can matter: a pod spec, a RuntimeClass, nodes, a
/// list, or a custom resource that embeds a pod template. Everything else
/// (CRDs, ConfigMaps, RBAC, values files) is skipped unparsed: most of a
/// repository's YAML bytes. A document whose bytes do not say for certain
/// (flow or JSON style ...) is parsed when it has a `kind` at all.
bool worth_parsing(std::string_view doc, const KindSniff &sniff) {
  if (!sniff.certain) {
    return doc.find("kind") != std::string_view::npos;
  }
  const std::string &kind = sniff.kind;
  if (pod_at(kind) || kind == "RuntimeClass" || kind == "Node" || kind.ends_with("List")) {
    return true;
  }
  if (inert_kinds().count(kind)) {
    return false;
  }
  return !kind.empty() && doc.find("containers") != std::string_view::npos;
}

/// The offset of the first `{{` outside comment lines (a comment may
/// mention template syntax), or npos.
size_t first_template_action(std::string_view doc) {
  for (size_t at = doc.find("{{"); at != std::string_view::npos; at = doc.find("{{", at + 2)) {
    const size_t line = doc.rfind('\n', at);
    const std::string_view before = doc.substr(line == std::string_view::npos ? 0 : line + 1);
    if (!trim(before).starts_with('#')) {
      return at;
    }
  }
  return std::string_view::npos;
}

/// Whether a document with `{{` is an unrendered Helm template rather than
/// a manifest whose text merely holds Go template syntax (alert rules,
/// Argo parameters): Helm's own names and whitespace trimming, or a file in
/// a chart's templates/ folder.
bool looks_like_helm(std::string_view doc, std::string_view path) {
  if (path.starts_with("templates/") || path.find("/templates/") != std::string_view::npos) {
    return true;
  }
  for (const char *marker : {".Values", ".Release.", ".Chart.", ".Capabilities.", ".Files.", "{{-", "-}}",
                             "{{/*", "include \"", "template \"", "toYaml"}) {
    if (doc.find(marker) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// Whether a line of `doc` starts with the key `kind:` or `apiVersion:`: a
/// template that renders a Kubernetes object has them, while a task runner's
/// or CI system's file that merely uses Go templates (Taskfile.yml) has not.
bool has_object_keys(std::string_view doc) {
  for (size_t at = 0; at < doc.size();) {
    const std::string_view line = trim(next_line(doc, at));
    if (line.starts_with("kind:") || line.starts_with("apiVersion:") || line.starts_with("{apiVersion:") ||
        line.starts_with("{kind:")) {
      return true;
    }
  }
  return false;
}

/// Whether `doc` may hold a `# wincompat ...` comment (a suppression): a
/// "wincompat" after a `#` on its line. Annotations such as
/// `wincompat.dev/ignore:` and ConfigMap text that merely mention the tool
/// must not cost a tree-sitter parse of a document that is otherwise skipped.
bool may_have_pragma(std::string_view doc) {
  for (size_t at = doc.find("wincompat"); at != std::string_view::npos; at = doc.find("wincompat", at + 1)) {
    size_t before = at;
    while (before > 0 && (doc[before - 1] == ' ' || doc[before - 1] == '\t')) {
      --before;
    }
    if (before > 0 && doc[before - 1] == '#') {
      return true;
    }
  }
  return false;
}

/// Whether a line holds ": " or ends in ':' (outside a trailing comment):
/// in a plain scalar, either starts a mapping where none can be.
bool has_map_indicator(std::string_view text) {
  if (const size_t hash = text.find(" #"); hash != std::string_view::npos) {
    text = text.substr(0, hash);
  }
  text = trim(text);
  return text.find(": ") != std::string_view::npos || text.ends_with(':');
}

/// A cheap look, line by line, for the syntax errors people most often leave
/// in the documents wincompat otherwise skips (ConfigMaps, CRDs): a tab used
/// for indentation, and an unquoted ": " in a plain value (`description: a:
/// b`, also on a plain value's continuation lines). Block scalars are passed
/// over. A "yes" only means the document gets a full parse, so a false alarm
/// costs time and never a finding; other errors there need --all-documents.
bool may_have_syntax_error(std::string_view doc) {
  int block_parent = -1; // indentation of the node that opened a block scalar
  int plain_parent = -1; // indentation of the key whose plain value may go on
  // This runs over every byte of every skipped document: one memchr a line,
  // and block scalar text (most of a big ConfigMap) is passed over at once.
  const char *const bytes = doc.data();
  for (size_t at = 0; at < doc.size();) {
    size_t text_start = at;
    while (text_start < doc.size() && bytes[text_start] == ' ') {
      ++text_start;
    }
    const auto indent = static_cast<int>(text_start - at);
    const void *newline = std::memchr(bytes + text_start, '\n', doc.size() - text_start);
    const size_t end = newline ? static_cast<size_t>(static_cast<const char *>(newline) - bytes) : doc.size();
    const std::string_view line = doc.substr(at, end - at);
    at = end + 1;
    if (block_parent >= 0 && indent > block_parent) {
      continue; // block scalar text: anything goes there
    }
    const std::string_view rest = trim(line.substr(static_cast<size_t>(indent)));
    if (rest.empty()) {
      continue;
    }
    block_parent = -1;
    if (line[static_cast<size_t>(indent)] == '\t') {
      return true;
    }
    if (plain_parent >= 0 && indent > plain_parent && rest[0] != '#') {
      if (has_map_indicator(rest)) {
        return true; // a continuation line of a plain scalar
      }
      continue;
    }
    plain_parent = -1;
    if (rest[0] == '#' || rest[0] == '%' || rest.starts_with("---") || rest.starts_with("...")) {
      continue;
    }
    std::string_view node = rest;
    int column = indent;
    while (node.starts_with("- ") || node == "-") {
      const std::string_view after = node.substr(1);
      const size_t skip = after.find_first_not_of(' ');
      column += static_cast<int>(1 + (skip == std::string_view::npos ? after.size() : skip));
      node = skip == std::string_view::npos ? std::string_view() : after.substr(skip);
    }
    if (node.starts_with('|') || node.starts_with('>')) {
      block_parent = indent; // `- |`
      continue;
    }
    if (node.empty() || std::string_view("\"'{[&*!?").find(node[0]) != std::string_view::npos) {
      continue; // quoted and flow text is left to the parser
    }
    const size_t colon = node.find(": ");
    if (colon == std::string_view::npos) {
      continue;
    }
    std::string_view value = trim(node.substr(colon + 2));
    if (value.empty() || value[0] == '#') {
      continue;
    }
    if (value[0] == '|' || value[0] == '>') {
      block_parent = column;
      continue;
    }
    if (std::string_view("\"'{[&*!").find(value[0]) != std::string_view::npos) {
      continue;
    }
    if (has_map_indicator(value)) {
      return true;
    }
    plain_parent = column;
  }
  return false;
}

std::vector<Toleration> read_tolerations(const YamlNode &node) {
  std::vector<Toleration> out;
  if (!node || !node.is_sequence()) {
    return out;
  }
  for (const YamlNode item : node.items()) {
    Toleration t;
    t.key = YamlDocument::scalar(YamlDocument::get(item, "key"));
    t.value = YamlDocument::scalar(YamlDocument::get(item, "value"));
    t.effect = YamlDocument::scalar(YamlDocument::get(item, "effect"));
    const std::string op = YamlDocument::scalar(YamlDocument::get(item, "operator"));
    t.op = op.empty() ? "Equal" : op;
    out.push_back(t);
  }
  return out;
}

std::map<std::string, std::string> read_string_map(const YamlNode &node) {
  std::map<std::string, std::string> out;
  YamlDocument::for_each(
      node, [&](const std::string &key, const YamlNode &value) { out[key] = YamlDocument::scalar(value); });
  return out;
}

class Extractor {
public:
  Extractor(const YamlDocument &doc, ManifestModel &out) : doc_(doc), out_(out) {}

  void object(const YamlNode &root) {
    if (!root.is_map()) {
      return;
    }
    const Located kind = doc_.located(YamlDocument::get(root, "kind"));
    if (!kind || YamlDocument::scalar(YamlDocument::get(root, "apiVersion")).empty()) {
      return;
    }
    out_.is_kubernetes = true;
    const YamlNode metadata = YamlDocument::get(root, "metadata");
    const std::string name = YamlDocument::scalar(YamlDocument::get(metadata, "name"));
    if (kind.value.ends_with("List")) {
      // Aliases can make a list hold itself or fan out exponentially
      // (`items: [*a, *a]`): each list is expanded once.
      if (expanded_lists_.insert(root.id()).second) {
        for (const YamlNode item : YamlDocument::get(root, "items").items()) {
          object(item);
        }
      }
      return;
    }
    if (kind.value == "RuntimeClass") {
      runtime_class(root, name, kind.span);
      return;
    }
    if (kind.value == "Node") {
      return; // inventories come from --nodes / config, not from linted manifests
    }
    const YamlNode spec = YamlDocument::get(root, "spec");
    std::vector<YamlNode> template_metadata;
    YamlNode pod;
    const std::optional<PodAt> at = pod_at(kind.value);
    if (at == PodAt::Spec) {
      pod = spec;
    } else if (at == PodAt::Template) {
      const YamlNode tmpl = YamlDocument::get(root, "template");
      template_metadata.push_back(YamlDocument::get(tmpl, "metadata"));
      pod = YamlDocument::get(tmpl, "spec");
    } else if (at == PodAt::SpecJobTemplateTemplate) {
      const YamlNode tmpl =
          YamlDocument::get(YamlDocument::get(YamlDocument::get(spec, "jobTemplate"), "spec"), "template");
      template_metadata.push_back(YamlDocument::get(tmpl, "metadata"));
      pod = YamlDocument::get(tmpl, "spec");
    } else {
      // Deployment, StatefulSet ... and any custom resource with a pod template.
      const YamlNode tmpl = YamlDocument::get(spec, "template");
      template_metadata.push_back(YamlDocument::get(tmpl, "metadata"));
      pod = YamlDocument::get(tmpl, "spec");
    }
    if (!pod || !pod.is_map() || !YamlDocument::get(pod, "containers")) {
      return;
    }
    PodSpec result;
    result.object_kind = kind.value;
    result.object_name = name;
    result.object_span = kind.span;
    result.object_namespace = YamlDocument::scalar(YamlDocument::get(metadata, "namespace"));
    result.owner = controller_of(metadata);
    annotations(metadata, result);
    for (const auto &meta : template_metadata) {
      annotations(meta, result);
    }
    pod_spec(pod, result);
    out_.pods.push_back(std::move(result));
  }

private:
  static std::string controller_of(const YamlNode &metadata) {
    const YamlNode refs = YamlDocument::get(metadata, "ownerReferences");
    if (!refs.is_sequence()) {
      return {};
    }
    for (const YamlNode ref : refs.items()) {
      if (YamlDocument::scalar(YamlDocument::get(ref, "controller")) != "true") {
        continue;
      }
      const std::string kind = YamlDocument::scalar(YamlDocument::get(ref, "kind"));
      const std::string name = YamlDocument::scalar(YamlDocument::get(ref, "name"));
      const std::string hash =
          YamlDocument::scalar(YamlDocument::get(YamlDocument::get(metadata, "labels"), "pod-template-hash"));
      if (kind == "ReplicaSet" && !hash.empty() && name.size() > hash.size() + 1 &&
          name.ends_with("-" + hash)) {
        return "Deployment/" + name.substr(0, name.size() - hash.size() - 1);
      }
      return kind.empty() || name.empty() ? std::string() : kind + "/" + name;
    }
    return {};
  }

  void annotations(const YamlNode &metadata, PodSpec &pod) {
    const YamlNode value =
        YamlDocument::get(YamlDocument::get(metadata, "annotations"), "wincompat.dev/ignore");
    if (Located ignore = doc_.located(value)) {
      pod.ignore_annotations.push_back(ignore);
    }
  }

  void runtime_class(const YamlNode &root, const std::string &name, Span span) {
    RuntimeClassSpec rc;
    rc.name = name;
    rc.handler = YamlDocument::scalar(YamlDocument::get(root, "handler"));
    const YamlNode scheduling = YamlDocument::get(root, "scheduling");
    rc.node_selector = read_string_map(YamlDocument::get(scheduling, "nodeSelector"));
    rc.tolerations = read_tolerations(YamlDocument::get(scheduling, "tolerations"));
    rc.span = span;
    const Located located_name = doc_.located(YamlDocument::get(YamlDocument::get(root, "metadata"), "name"));
    rc.name_span = located_name ? located_name.span : span;
    out_.runtime_classes.push_back(std::move(rc));
  }

  void pod_spec(const YamlNode &pod, PodSpec &out) {
    const YamlNode selector = YamlDocument::get(pod, "nodeSelector");
    out.node_selector_key = doc_.key_span(pod, "nodeSelector");
    YamlDocument::for_each(selector, [&](const std::string &key, const YamlNode &value) {
      out.node_selector[key] = doc_.located(value);
    });
    const YamlNode affinity = YamlDocument::get(pod, "affinity");
    out.affinity_key = doc_.key_span(pod, "affinity");
    const YamlNode required =
        YamlDocument::get(YamlDocument::get(YamlDocument::get(affinity, "nodeAffinity"),
                                            "requiredDuringSchedulingIgnoredDuringExecution"),
                          "nodeSelectorTerms");
    if (required.is_sequence()) {
      for (const YamlNode term : required.items()) {
        out.affinity_terms.push_back(selector_term(term));
      }
    }
    out.tolerations = read_tolerations(YamlDocument::get(pod, "tolerations"));
    out.runtime_class = doc_.located(YamlDocument::get(pod, "runtimeClassName"));
    out.node_name = doc_.located(YamlDocument::get(pod, "nodeName"));
    out.os_name = doc_.located(YamlDocument::get(YamlDocument::get(pod, "os"), "name"));
    out.host_network = YamlDocument::scalar(YamlDocument::get(pod, "hostNetwork")) == "true";
    host_process(YamlDocument::get(pod, "securityContext"), out.host_process, out.host_process_span);
    for (const char *section : {"initContainers", "containers", "ephemeralContainers"}) {
      const YamlNode list = YamlDocument::get(pod, section);
      if (!list.is_sequence()) {
        continue;
      }
      for (const YamlNode item : list.items()) {
        ContainerSpec container;
        container.section = section;
        container.name = YamlDocument::scalar(YamlDocument::get(item, "name"));
        const YamlNode image = YamlDocument::get(item, "image");
        container.image_key = doc_.key_span(item, "image");
        container.image_not_string =
            image && !image.is_null() && (!image.is_scalar() || image.is_number_or_bool());
        if (container.image_not_string) {
          // kubectl rejects it ("cannot unmarshal ... into ... of type string").
          out_.errors.push_back(
              {"image must be a string: quote it, or write the image reference here", doc_.span_of(image)});
        } else {
          container.image = doc_.located(image);
        }
        host_process(YamlDocument::get(item, "securityContext"), container.host_process,
                     container.host_process_span);
        out.containers.push_back(std::move(container));
      }
    }
  }

  SelectorTerm selector_term(const YamlNode &term) {
    SelectorTerm out;
    const YamlNode expressions = YamlDocument::get(term, "matchExpressions");
    if (!expressions.is_sequence()) {
      return out;
    }
    for (const YamlNode expression : expressions.items()) {
      SelectorRequirement requirement;
      const YamlNode key = YamlDocument::get(expression, "key");
      requirement.key = YamlDocument::scalar(key);
      requirement.op = YamlDocument::scalar(YamlDocument::get(expression, "operator"));
      requirement.span = doc_.span_of(key);
      const YamlNode values = YamlDocument::get(expression, "values");
      if (values.is_sequence()) {
        for (const YamlNode value : values.items()) {
          requirement.values.push_back(YamlDocument::scalar(value));
        }
      }
      out.push_back(std::move(requirement));
    }
    return out;
  }

  void host_process(const YamlNode &security_context, std::optional<bool> &flag, Span &span) {
    const YamlNode value =
        YamlDocument::get(YamlDocument::get(security_context, "windowsOptions"), "hostProcess");
    if (value && value.is_scalar()) {
      flag = value.scalar() == "true";
      span = doc_.span_of(value);
    }
  }

  const YamlDocument &doc_;
  ManifestModel &out_;
  std::unordered_set<uint32_t> expanded_lists_;
};

} // namespace

namespace {

/// A WC902 for the part of a file past a YamlLimits bound, at `offset`.
YamlSyntaxError over_limit(const SourceFile &source, uint32_t offset, std::string message) {
  const uint32_t line = source.line_of(offset);
  const auto end = source.line_start(line) + static_cast<uint32_t>(source.line(line).size());
  return {std::move(message), {offset, std::max(end, offset)}, /*over_limit=*/true};
}

} // namespace

ManifestModel parse_manifest(const SourceFile &source, bool all_documents, const YamlLimits &limits) {
  if (std::string storage; yaml_line_ends(source.text(), storage).data() != source.text().data()) {
    // Classic Mac line ends: read as LF. Offsets, so every span, stay the same.
    return parse_manifest(SourceFile(source.path(), std::move(storage)), all_documents, limits);
  }
  ManifestModel model;
  const std::string &text = source.text();
  const bool has_pragmas = may_have_pragma(text);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = limits.max_seconds > 0
                            ? start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                          std::chrono::duration<double>(limits.max_seconds))
                            : std::chrono::steady_clock::time_point::max();
  const std::vector<Span> spans = yaml_document_spans(text);
  for (size_t index = 0; index < spans.size(); ++index) {
    const Span span = spans[index];
    if (index == limits.max_documents) {
      model.errors.push_back(
          over_limit(source, span.begin,
                     "the file has " + std::to_string(spans.size()) + " YAML documents, over the limit of " +
                         std::to_string(limits.max_documents) +
                         " (--max-yaml-documents); this one and those after it were not linted"));
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      model.errors.push_back(over_limit(
          source, span.begin,
          "parsing this file took longer than the time limit (--max-yaml-seconds); this document and "
          "those after it were not linted"));
      break;
    }
    const std::string_view bytes = std::string_view(text).substr(span.begin, span.end - span.begin);
    const KindSniff sniff = sniff_kind(bytes);
    const bool sniffed_object = !sniff.kind.empty() && sniff.api_version;
    // An unrendered Helm/Go template is not YAML yet: it is reported (WC907)
    // when that leaves something unlinted, and the chart is linted instead.
    const size_t action = first_template_action(bytes);
    if (action != std::string_view::npos) {
      if (!model.template_action && (worth_parsing(bytes, sniff) || looks_like_helm(bytes, source.path())) &&
          has_object_keys(bytes)) {
        model.template_action =
            Span{span.begin + static_cast<uint32_t>(action), span.begin + static_cast<uint32_t>(action) + 2};
      }
      model.is_kubernetes = model.is_kubernetes || sniffed_object;
      continue;
    }
    const bool relevant = all_documents || worth_parsing(bytes, sniff);
    const bool pragmas = has_pragmas && may_have_pragma(bytes);
    if (!relevant && !pragmas && !may_have_syntax_error(bytes)) {
      model.is_kubernetes = model.is_kubernetes || sniffed_object;
      continue;
    }
    YamlDocument doc(source, span, /*want_comments=*/pragmas, limits, deadline,
                     /*skip_status=*/relevant && !all_documents);
    if (!doc.ok()) {
      model.errors.push_back(doc.error());
      model.is_kubernetes = model.is_kubernetes || sniffed_object;
      continue;
    }
    model.comments.insert(model.comments.end(), doc.comments().begin(), doc.comments().end());
    if (relevant) {
      Extractor(doc, model).object(doc.root()); // decides is_kubernetes from the values
    } else {
      model.is_kubernetes = model.is_kubernetes || sniffed_object;
    }
  }
  return model;
}

// ---- Nodes and pools --------------------------------------------------------

namespace {

NodeSpec read_node(const YamlDocument &doc, const YamlNode &node) {
  NodeSpec out;
  const YamlNode metadata = YamlDocument::get(node, "metadata");
  out.name = YamlDocument::scalar(YamlDocument::get(metadata, "name"));
  const YamlNode labels = YamlDocument::get(metadata, "labels");
  out.labels = read_string_map(labels);
  const YamlNode info = YamlDocument::get(YamlDocument::get(node, "status"), "nodeInfo");
  out.os = to_lower(YamlDocument::scalar(YamlDocument::get(info, "operatingSystem")));
  if (out.os.empty()) {
    out.os = out.labels.count("kubernetes.io/os") ? out.labels["kubernetes.io/os"] : "";
  }
  const YamlNode kernel = YamlDocument::get(info, "kernelVersion");
  out.build = parse_windows_build(YamlDocument::scalar(kernel));
  if (!out.build && out.labels.count("node.kubernetes.io/windows-build")) {
    out.build = parse_windows_build(out.labels["node.kubernetes.io/windows-build"]);
  }
  // The text that names the OS, most specific first.
  for (const char *label : {"kubernetes.azure.com/os-sku", "node.kubernetes.io/windows-build"}) {
    const YamlNode value = YamlDocument::get(labels, label);
    if (!YamlDocument::scalar(value).empty()) {
      out.os_span = doc.span_of(value);
      break;
    }
  }
  if (out.os_span == Span{} && out.build) {
    out.os_span = doc.span_of(kernel);
  }
  const YamlNode taints = YamlDocument::get(YamlDocument::get(node, "spec"), "taints");
  if (taints.is_sequence()) {
    for (const YamlNode t : taints.items()) {
      out.taints.push_back({YamlDocument::scalar(YamlDocument::get(t, "key")),
                            YamlDocument::scalar(YamlDocument::get(t, "value")),
                            YamlDocument::scalar(YamlDocument::get(t, "effect"))});
    }
  }
  return out;
}

void collect_nodes(const YamlDocument &doc, const YamlNode &root, std::vector<NodeSpec> &out,
                   std::unordered_set<uint32_t> &expanded) {
  if (!root.is_map()) {
    return;
  }
  const std::string kind = YamlDocument::scalar(YamlDocument::get(root, "kind"));
  if (kind == "Node") {
    out.push_back(read_node(doc, root));
  } else if (kind.ends_with("List") && expanded.insert(root.id()).second) { // once each, as in Extractor
    for (const YamlNode item : YamlDocument::get(root, "items").items()) {
      collect_nodes(doc, item, out, expanded);
    }
  }
}

} // namespace

std::vector<NodeSpec> parse_nodes(const SourceFile &source, std::vector<YamlSyntaxError> &errors) {
  std::vector<NodeSpec> nodes;
  for (const Span span : yaml_document_spans(source.text())) {
    YamlDocument doc(source, span, /*want_comments=*/false);
    if (!doc.ok()) {
      errors.push_back(doc.error());
      continue;
    }
    std::unordered_set<uint32_t> expanded;
    collect_nodes(doc, doc.root(), nodes, expanded);
  }
  return nodes;
}

std::optional<Taint> parse_taint(const std::string &text) {
  // key[=value]:Effect
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return std::nullopt;
  }
  Taint taint;
  taint.effect = text.substr(colon + 1);
  const std::string head = text.substr(0, colon);
  const size_t eq = head.find('=');
  taint.key = head.substr(0, eq);
  taint.value = eq == std::string::npos ? "" : head.substr(eq + 1);
  if (taint.effect != "NoSchedule" && taint.effect != "PreferNoSchedule" && taint.effect != "NoExecute") {
    return std::nullopt;
  }
  return taint;
}

void add_implicit_labels(NodePool &pool) {
  if (!pool.os.empty()) {
    pool.labels.emplace("kubernetes.io/os", pool.os);
  }
  if (pool.os == "windows" && pool.build) {
    pool.labels.emplace("node.kubernetes.io/windows-build", pool.build->str());
  }
}

std::vector<NodePool> group_nodes(const std::vector<NodeSpec> &nodes) {
  static const char *kPoolLabels[] = {"agentpool", "kubernetes.azure.com/agentpool",
                                      "eks.amazonaws.com/nodegroup", "cloud.google.com/gke-nodepool"};
  // Labels that differ from node to node and so must not split a pool.
  static const std::set<std::string> kPerNode{"kubernetes.io/hostname",
                                              "topology.kubernetes.io/zone",
                                              "failure-domain.beta.kubernetes.io/zone",
                                              "node.kubernetes.io/instance-type",
                                              "beta.kubernetes.io/instance-type",
                                              "topology.disk.csi.azure.com/zone"};
  std::vector<NodePool> pools;
  std::map<std::string, size_t> seen; // one key per pool (OS, build, taints, shared labels): its index
  for (const NodeSpec &node : nodes) {
    std::map<std::string, std::string> labels;
    for (const auto &[k, v] : node.labels) {
      if (!kPerNode.count(k)) {
        labels[k] = v;
      }
    }
    // Fields joined with separators no label or taint can hold.
    std::string key = node.os + '\x1f' + (node.build ? std::to_string(node.build->build) : "-") + '\x1e';
    for (const Taint &t : node.taints) {
      key += t.key + '\x1f' + t.value + '\x1f' + t.effect + '\x1e';
    }
    key += '\x1d';
    for (const auto &[k, v] : labels) {
      key += k + '\x1f' + v + '\x1e';
    }
    if (const auto [at, added] = seen.emplace(std::move(key), pools.size()); !added) {
      pools[at->second].nodes.push_back(node.name);
      continue;
    }
    NodePool pool;
    pool.os = node.os;
    pool.build = node.build;
    pool.labels = labels;
    pool.taints = node.taints;
    pool.name = node.name;
    pool.nodes.push_back(node.name);
    pool.origin_path = node.path;
    pool.origin = node.source;
    pool.os_span = node.os_span;
    for (const char *label : kPoolLabels) {
      if (auto found = labels.find(label); found != labels.end() && !found->second.empty()) {
        pool.name = found->second;
        break;
      }
    }
    add_implicit_labels(pool);
    pools.push_back(std::move(pool));
  }
  return pools;
}

// ---- Matching ---------------------------------------------------------------

bool selector_matches(const std::map<std::string, std::string> &selector,
                      const std::map<std::string, std::string> &labels) {
  for (const auto &[key, value] : selector) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) {
      return false;
    }
  }
  return true;
}

bool term_matches(const SelectorTerm &term, const std::map<std::string, std::string> &labels) {
  for (const SelectorRequirement &r : term) {
    auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const auto in_values = [&] {
      return has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
    };
    const auto number = [](const std::string &s) -> std::optional<long long> {
      try {
        size_t used = 0;
        long long v = std::stoll(s, &used);
        return used == s.size() ? std::optional(v) : std::nullopt;
      } catch (...) {
        return std::nullopt;
      }
    };
    bool ok = false;
    if (r.op == "In") {
      ok = in_values();
    } else if (r.op == "NotIn") {
      ok = !in_values();
    } else if (r.op == "Exists") {
      ok = has;
    } else if (r.op == "DoesNotExist") {
      ok = !has;
    } else if ((r.op == "Gt" || r.op == "Lt") && has && r.values.size() == 1) {
      auto label = number(it->second), bound = number(r.values[0]);
      ok = label && bound && (r.op == "Gt" ? *label > *bound : *label < *bound);
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool tolerates(const std::vector<Toleration> &tolerations, const std::vector<Taint> &taints) {
  for (const Taint &taint : taints) {
    if (taint.effect == "PreferNoSchedule") {
      continue;
    }
    const bool tolerated = std::any_of(tolerations.begin(), tolerations.end(), [&](const Toleration &t) {
      if (!t.effect.empty() && t.effect != taint.effect) {
        return false;
      }
      if (t.op == "Exists") {
        return t.key.empty() || t.key == taint.key;
      }
      return t.key == taint.key && t.value == taint.value;
    });
    if (!tolerated) {
      return false;
    }
  }
  return true;
}

} // namespace wincompat

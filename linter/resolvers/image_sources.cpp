// Images this repository builds: config `images:`, docker-compose and
// skaffold map them to Dockerfiles, whose final FROM decides their build.
// The engine reads and lays out those Dockerfiles; this file only reads
// their models.
#include "wincompat/image_resolver.hpp"
#include "wincompat/paths.hpp"
#include "wincompat/pod.hpp"

#include "frontends/yaml_document.hpp"
#include "text_util.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

std::string join_path(const std::string &directory, const std::string &path) {
  const fs::path p(path);
  return (p.is_absolute() ? p : fs::path(directory) / p).lexically_normal().string();
}

std::map<std::string, std::string> args_of(const YamlNode &node) {
  std::map<std::string, std::string> out;
  if (node.is_map()) {
    YamlDocument::for_each(
        node, [&](const std::string &k, const YamlNode &v) { out[k] = YamlDocument::scalar(v); });
  } else if (node.is_sequence()) { // compose also allows ["A=1", "B=2"]
    for (const YamlNode item : node.items()) {
      const std::string pair = YamlDocument::scalar(item);
      const size_t eq = pair.find('=');
      if (eq != std::string::npos) {
        out[pair.substr(0, eq)] = pair.substr(eq + 1);
      }
    }
  }
  return out;
}

template <typename Fn> void for_each_document(const SourceFile &source, Fn &&fn) {
  for (const Span span : yaml_document_spans(source.text())) {
    YamlDocument doc(source, span, /*want_comments=*/false);
    if (doc.ok() && doc.root().is_map()) {
      fn(doc);
    }
  }
}

} // namespace

bool is_compose_file(std::string_view path) {
  const std::string name = to_lower(
      path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1));
  return (name.starts_with("docker-compose") || name.starts_with("compose")) &&
         (name.ends_with(".yml") || name.ends_with(".yaml"));
}

bool is_skaffold_file(std::string_view path) {
  const std::string name = to_lower(
      path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1));
  return name == "skaffold.yaml" || name == "skaffold.yml";
}

std::vector<ImageMapping> mappings_from_compose(const SourceFile &source, const std::string &directory,
                                                std::vector<std::string> *pulled) {
  std::vector<ImageMapping> out;
  for_each_document(source, [&](const YamlDocument &doc) {
    YamlDocument::for_each(
        YamlDocument::get(doc.root(), "services"), [&](const std::string &, const YamlNode &service) {
          const Located image = doc.located(YamlDocument::get(service, "image"));
          const YamlNode build = YamlDocument::get(service, "build");
          if (image && !build && pulled) {
            pulled->push_back(image.value);
          }
          if (!image || !build) {
            return;
          }
          ImageMapping mapping;
          mapping.image = image.value;
          mapping.span = image.span;
          std::string context = ".";
          std::string dockerfile = "Dockerfile";
          if (build.is_scalar()) {
            context = build.scalar();
          } else {
            if (auto c = YamlDocument::scalar(YamlDocument::get(build, "context")); !c.empty()) {
              context = std::move(c);
            }
            if (auto d = YamlDocument::scalar(YamlDocument::get(build, "dockerfile")); !d.empty()) {
              dockerfile = d;
            }
            mapping.target = YamlDocument::scalar(YamlDocument::get(build, "target"));
            mapping.build_args = args_of(YamlDocument::get(build, "args"));
          }
          mapping.dockerfile = join_path(join_path(directory, context), dockerfile);
          out.push_back(std::move(mapping));
        });
  });
  return out;
}

std::vector<ImageMapping> mappings_from_skaffold(const SourceFile &source, const std::string &directory) {
  std::vector<ImageMapping> out;
  for_each_document(source, [&](const YamlDocument &doc) {
    const YamlNode artifacts = YamlDocument::get(YamlDocument::get(doc.root(), "build"), "artifacts");
    if (!artifacts.is_sequence()) {
      return;
    }
    for (const YamlNode artifact : artifacts.items()) {
      const Located image = doc.located(YamlDocument::get(artifact, "image"));
      if (!image) {
        continue;
      }
      ImageMapping mapping;
      mapping.image = image.value;
      mapping.span = image.span;
      std::string context = YamlDocument::scalar(YamlDocument::get(artifact, "context"));
      const YamlNode docker = YamlDocument::get(artifact, "docker");
      std::string dockerfile = YamlDocument::scalar(YamlDocument::get(docker, "dockerfile"));
      mapping.target = YamlDocument::scalar(YamlDocument::get(docker, "target"));
      mapping.build_args = args_of(YamlDocument::get(docker, "buildArgs"));
      mapping.dockerfile = join_path(join_path(directory, context.empty() ? "." : context),
                                     dockerfile.empty() ? "Dockerfile" : dockerfile);
      out.push_back(std::move(mapping));
    }
  });
  return out;
}

std::map<std::string, std::string> mapping_build_args(const ImageMapping &mapping,
                                                      const std::map<std::string, std::string> &build_args) {
  std::map<std::string, std::string> out = build_args;
  for (const auto &[k, v] : mapping.build_args) {
    out[k] = v;
  }
  return out;
}

ImageSource resolve_image_source(const ImageMapping &mapping, const DockerfileModel *model,
                                 const std::string &problem) {
  ImageSource out;
  out.image = mapping.image;
  out.dockerfile = mapping.dockerfile;
  if (!model) {
    out.problem = problem;
    return out;
  }
  const Stage *target = model->final_stage();
  if (!mapping.target.empty()) {
    target = nullptr;
    for (const Stage &stage : model->stages) {
      if (stage.name == to_lower(mapping.target)) {
        target = &stage;
      }
    }
  }
  if (!target) {
    out.problem = mapping.target.empty() ? "its Dockerfile has no FROM"
                                         : "its Dockerfile has no stage '" + mapping.target + "'";
    return out;
  }
  const Stage &root = model->root_of(*target);
  out.resolution = root.resolution;
  out.base_ref = root.ref;
  out.base_text = root.image.value;
  out.uri = file_uri(mapping.dockerfile);
  out.from_range = model->source ? model->source->range(root.image_span) : Range{};
  if (!root.unresolved.empty()) {
    out.problem = "its base image depends on ARG " + root.unresolved.front() + ", which has no value";
    out.resolution = {};
  }
  return out;
}

} // namespace wincompat

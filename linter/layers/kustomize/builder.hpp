// The kustomize build: one Builder per `build_kustomization` call. Loading
// (build.cpp) and the transformers (transform.cpp) share it. Not public API.
#pragma once

#include "fieldspecs.hpp"
#include "resources.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/rule.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::kustomize {

/// Objects one build may add to its lists, counting a base's objects again
/// for each kustomization that includes it (the work a build does). Real
/// overlays hold hundreds of objects a few levels deep; a diamond of bases
/// that each include the next twice doubles per level and would reach 2^50.
constexpr size_t kMaxObjects = 20000;
/// The values (scalars, maps, lists) of those objects, counted the same
/// way: the memory a build holds (a value costs about 250 bytes, so about
/// 500 MB at most). A large overlay of CRDs counts a few hundred thousand.
constexpr size_t kMaxObjectValues = 2000000;

/// The work of one build's replacements: one step per object a source or a
/// target is checked against, one per field path looked up in an object,
/// and one per value a replacement copies into a field.
/// Real replacements copy a name or a tag into a few fields of a few
/// objects (50 replacements of 3 targets over 1,000 objects are 150,000
/// steps); thousands of targets over thousands of objects, each copying a
/// large map, would take billions. A million steps take about a second.
constexpr uint64_t kMaxReplacementSteps = 1000000;

/// One kustomization file, read.
struct Kustomization {
  std::string path;   // the file, as displayed
  std::string dir;    // its directory, as displayed
  std::string fs_dir; // its directory on disk
  KNode root;
};

/// A field kustomize does not know (it fails the build), or one wincompat
/// does not follow.
struct FieldProblem {
  Span at;
  std::string path; // "patches.target.nmae"
  bool not_followed = false;
};
/// Checks a kustomization's fields as kustomize decodes them (strictly, and
/// ignoring case: a key in another case is renamed to kustomize's spelling).
std::vector<FieldProblem> check_kustomization_fields(KNode &root);

/// The values of `node`, itself included (scalars, maps, lists).
size_t count_values(const KNode &node);

/// kustomize's content hash of an object (api/hasher): ten characters.
std::string kustomize_hash(const KNode &object);

/// `fs_path` lies in or below `fs_dir` (kustomize's load restriction).
bool inside(const std::string &fs_dir, const std::string &fs_path);

class Builder {
public:
  explicit Builder(const KustomizeRequest &request);
  LayerResult run();

  static Span span_of(const KNode &node);

private:
  enum class Mode { Root, Resource, Component };

  void report(RuleCode code, const std::string &path, Span span, std::string message);
  void fail(const std::string &path, Span span, std::string message);
  void notice(const std::string &path, Span span, std::string message);
  /// WC912 at `node`, in the file it was read from (a patch or replacement
  /// file), else in the kustomization.
  void fail_at(const Kustomization &k, const KNode &node, std::string message);

  const SourceFile *read(const std::string &display, const std::string &fs_path, std::string &why);
  /// A file's YAML documents (parsed once per run's file system).
  /// False with `why` when it cannot be read (the caller says where it is
  /// named), false without when it cannot be parsed (already reported).
  bool parse_file(const std::string &display, const std::string &fs_path, OriginRole role,
                  std::vector<KNode> &roots, std::string &why);
  std::vector<KNode> parse_stream(const SourceFile &source, const OffsetMap &map, OriginRole role, bool &ok);
  OffsetMap inline_map(const std::string &path, const KNode &scalar);
  std::vector<KNode> load_objects(const std::string &display, const std::string &fs_path,
                                  const std::string &referrer, Span at, bool &ok);
  /// Adds `from` to `into`: WC912 at `at` in `path` for an object whose
  /// id is already there, or once the build is over kMaxObjects.
  bool append(std::vector<Resource> &into, std::vector<Resource> from, const std::string &path, Span at);

  const std::string *find_kustomization(const std::string &fs_dir, std::string &name);
  bool build_directory(const std::string &display_dir, const std::string &fs_dir, Mode mode,
                       std::vector<Resource> &accumulated, const std::string &referrer, Span at);
  bool build_loaded(const std::string &display_dir, const std::string &fs_dir, const std::string &kpath,
                    const std::string &kfs, Mode mode, std::vector<Resource> &accumulated,
                    const std::string &referrer, Span at);
  bool check_fields(Kustomization &k, Mode mode);
  std::vector<const KNode *> string_list(const Kustomization &k, std::string_view field, bool &ok);
  /// The list under `field`: null when the field is absent or null; null
  /// and `ok` false, with the failure reported, when it is not a list.
  const KNode *list_field(const Kustomization &k, std::string_view field, bool &ok);
  bool add_resources(const Kustomization &k, std::vector<Resource> &local);
  /// Whether `fs_path` lies inside the repository root, links resolved;
  /// WC916 when not.
  bool within_repository(const Kustomization &k, const std::string &display, const std::string &fs_path,
                         Span at, std::string_view what);
  /// Whether the file at `fs_path`, named at `at` in `k`, may be read under
  /// the load restrictor: a file in or below the kustomization's folder
  /// always; outside it, WC912 with LoadRestrictionsRootOnly, WC915 once
  /// per kustomization when no restrictor is set, and never past the
  /// repository root.
  bool may_read(const Kustomization &k, const std::string &display, const std::string &fs_path, Span at,
                std::string_view what);
  /// Whether `entry` (of `resources:` or `components:`) names a remote
  /// `what`: then a notice says what it `does` is not linted.
  bool skipped_remote(const Kustomization &k, const KNode &entry, const std::string &fs_path,
                      const std::string &what, const std::string &does);
  bool add_components(const Kustomization &k, std::vector<Resource> &local);

  // transform.cpp
  bool transform(const Kustomization &k, std::vector<Resource> &resources);
  /// A patch's documents: from `path:` (a file beside the kustomization) or
  /// inline text, with positions in the file that holds them.
  bool patch_documents(const Kustomization &k, const KNode &entry, const KNode *path_node,
                       const KNode *inline_node, std::vector<KNode> &out);
  bool apply_strategic_merge(const Kustomization &k, std::vector<Resource> &resources, const KNode &patch,
                             const SelectorMatcher *target, Span at);
  bool apply_json_patch(const Kustomization &k, std::vector<Resource> &resources, const KNode &operations,
                        const SelectorMatcher &target, Span at);
  bool patches(const Kustomization &k, std::vector<Resource> &resources);
  bool legacy_strategic_merge(const Kustomization &k, std::vector<Resource> &resources);
  bool legacy_json6902(const Kustomization &k, std::vector<Resource> &resources);
  void set_namespace(const Kustomization &k, std::vector<Resource> &resources);
  /// The namespace fields beyond metadata.namespace (binding subjects named
  /// `default`, the services of APIServices and CRD conversion webhooks).
  void set_namespace_references(Resource &resource, const KNode &value);
  void prefix_suffix(const Kustomization &k, std::vector<Resource> &resources);
  void labels(const Kustomization &k, std::vector<Resource> &resources);
  void annotations(const Kustomization &k, std::vector<Resource> &resources);
  bool replicas(const Kustomization &k, std::vector<Resource> &resources);
  bool images(const Kustomization &k, std::vector<Resource> &resources);
  bool images_field(const Kustomization &k, std::vector<Resource> &resources, std::string_view field);
  // generate.cpp
  bool generators(const Kustomization &k, std::vector<Resource> &resources);
  bool generate_one(const Kustomization &k, std::vector<Resource> &resources, const KNode &entry, bool secret,
                    const KNode *global);
  /// The top-level build's last steps: content hashes on generated names.
  void add_hashes(std::vector<Resource> &resources);
  // plugins.cpp: builtin plugins under `generators:` and `transformers:`.
  struct PluginConfig {
    KNode config;
    std::string file; // where it is written
    const KNode *entry = nullptr;
  };
  bool plugin_configs(const Kustomization &k, std::string_view field, std::vector<PluginConfig> &out);
  bool run_plugins(const Kustomization &k, std::vector<Resource> &resources, bool generators_field);
  /// A PrefixSuffix/Prefix/Suffix/Label/AnnotationsTransformer: its values
  /// set in exactly the fields its `fieldSpecs` name, as kustomize does.
  bool plugin_field_specs(const PluginConfig &plugin, std::vector<Resource> &resources);
  // vars.cpp: the deprecated `vars`.
  struct Var {
    std::string name, fieldpath;
    std::string path; // the kustomization that declares it
    Span at;
  };
  std::vector<Var> vars_;
  /// Records `k`'s vars on the objects they name (WC912 when none does).
  bool declare_vars(const Kustomization &k, std::vector<Resource> &resources);
  /// The top-level build's last step: `$(NAME)` replaced in varReference fields.
  void resolve_vars(std::vector<Resource> &resources);
  // configurations.cpp: the custom field specs of `configurations:` files,
  // by section (`images`, `varReference`, `namespace`, `commonLabels`, ...),
  // and their name references.
  std::map<std::string, std::vector<FieldSpec>, std::less<>> custom_specs_;
  std::vector<NameBackReference> custom_name_refs_;
  bool read_configurations(const Kustomization &k);
  /// The field specs the configurations add for `section` (none: empty).
  const std::vector<FieldSpec> &custom_field_specs(std::string_view section) const;
  /// kustomize's default field specs of a label or annotation `section`,
  /// then those the configurations add.
  std::vector<FieldSpec> label_field_specs(std::string_view section) const;
  // namerefs.cpp: references to renamed objects get their current names.
  void fix_name_references(std::vector<Resource> &resources);
  // replacements.cpp
  bool replacements(const Kustomization &k, std::vector<Resource> &resources);
  bool replacement(const Kustomization &k, std::vector<Resource> &resources, const KNode &entry);
  /// Counts `steps` against kMaxReplacementSteps: false, with WC912 at
  /// `entry` the first time, once over it.
  bool replacement_step(const Kustomization &k, const KNode &entry, uint64_t steps);
  const KNode *replacement_source(const Kustomization &k, std::vector<Resource> &resources,
                                  const KNode &source, bool &skipped);

  const KustomizeRequest &request_;
  std::shared_ptr<const FileSystem> disk_; // when the request names no file system
  const FileSystem &files_;                // every read goes through it
  LayerResult result_;
  std::vector<std::string> stack_; // kustomization directories being built (cycles)
  std::string boundary_;           // nothing is read outside this folder
  std::set<std::string> warned_;   // kustomizations that got their WC915
  // The first remote resource or component of the build, which is not
  // fetched: a patch or replacement that matches nothing may be meant for
  // its objects, so that is a notice, not a failed build.
  std::string unfetched_remote_;
  /// A notice that the patch or replacement source described by `what`
  /// matches no built object and is skipped, when a remote resource was not
  /// fetched (true); false when every resource was built (a real failure).
  bool skip_for_unfetched_remote(const std::string &path, Span at, const std::string &what);
  /// Bases already built in this build, by folder: a base included from
  /// many places (a diamond) is built once and its objects copied.
  struct Built {
    bool ok = false;
    std::vector<Resource> resources;
  };
  std::map<std::string, Built> built_;
  size_t objects_ = 0;             // objects added to lists so far (kMaxObjects)
  size_t object_values_ = 0;       // their values (kMaxObjectValues)
  uint64_t replacement_steps_ = 0; // kMaxReplacementSteps
  bool over_objects_ = false;      // kMaxObjects was reported
  bool over_replacements_ = false; // kMaxReplacementSteps was reported
  bool failed_ = false;
  bool fifo_ = false;
  bool root_is_component_ =
      false; // asked to build a Component on its own // sortOptions: fifo at the top level
};

} // namespace wincompat::kustomize

// Chart values: YAML files read into values that remember their places,
// Helm's merge and coalesce rules, and `--set` expressions.
#pragma once

#include "value.hpp"

#include "wincompat/source.hpp"

#include <string>

namespace wincompat::helm {

struct LoadedYaml {
  Value value;
  std::string error; // empty when the text parsed
  Span error_span;
  bool over_limit = false; // the error is a bound (alias expansion), not bad syntax
};

/// Reads the first YAML document of `file` the way Helm does (numbers as
/// float64, YAML 1.1 booleans). `origins`: scalars remember their span in
/// the file, with the role "KEY.PATH set here".
/// `unique_keys` false: a key repeated in one mapping is no error and its
/// last value wins, as go-yaml v2 reads it for Helm's fromYaml.
LoadedYaml load_yaml(const SourceFile &file, bool origins, bool unique_keys = true);

/// `-f` files merged: `src` wins, maps merge deeply (Helm's mergeMaps).
void merge_values(Map &dst, const Map &src);
/// Chart defaults under user values (Helm's coalesce): a user's null
/// deletes the default.
Value coalesce_values(const Value &user, const Value &defaults);

/// Applies one `--set` expression (Helm's strvals syntax: a.b=c, a[0]=x,
/// a={x,y}, escaped \, and \.; ints, bools and null typed). False with
/// `error` on bad syntax.
bool apply_set(Map &values, const std::string &expression, std::string &error);

/// The problem with a `--set`/`set:` expression whose path has more than
/// kMaxSetPathSegments segments; empty when every path is within it.
std::string set_path_problem(const std::string &expression);

/// A dotted path (`sub.enabled`) in a values map, or absent.
const Value *lookup_path(const Value &values, const std::string &path);

} // namespace wincompat::helm

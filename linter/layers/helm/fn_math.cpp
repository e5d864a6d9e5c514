// Sprig's arithmetic and conversions (spf13/cast's lenient rules).
#include "exec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace wincompat::helm {

int64_t cast_int64(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Int:
    return v.i;
  case Value::Kind::Float:
    if (std::isnan(v.f)) {
      return 0;
    }
    return static_cast<int64_t>(std::clamp(v.f, -9.2e18, 9.2e18));
  case Value::Kind::Bool:
    return v.b ? 1 : 0;
  case Value::Kind::String: {
    std::string s = v.str();
    // cast trims a zero decimal part ("3.0" -> 3).
    if (const size_t dot = s.find('.');
        dot != std::string::npos && s.find_first_not_of('0', dot + 1) == std::string::npos) {
      s.resize(dot);
    }
    if (s.empty()) {
      return 0;
    }
    char *end = nullptr;
    errno = 0;
    int base = 10;
    std::string body = s;
    bool negative = false;
    if (body[0] == '-' || body[0] == '+') {
      negative = body[0] == '-';
      body.erase(0, 1);
    }
    if (body.size() > 1 && body[0] == '0') {
      if (body[1] == 'x' || body[1] == 'X') {
        base = 16;
        body.erase(0, 2);
      } else if (body[1] == 'b' || body[1] == 'B') {
        base = 2;
        body.erase(0, 2);
      } else if (body[1] == 'o' || body[1] == 'O') {
        base = 8;
        body.erase(0, 2);
      } else {
        base = 8;
      }
    }
    const long long n = std::strtoll(body.c_str(), &end, base);
    if (body.empty() || *end != '\0' || errno == ERANGE) {
      return 0;
    }
    return negative ? -n : n;
  }
  default:
    return 0;
  }
}

double cast_float64(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Int:
    return static_cast<double>(v.i);
  case Value::Kind::Float:
    return v.f;
  case Value::Kind::Bool:
    return v.b ? 1 : 0;
  case Value::Kind::String: {
    char *end = nullptr;
    const double f = std::strtod(v.str().c_str(), &end);
    return v.str().empty() || *end != '\0' ? 0 : f;
  }
  default:
    return 0;
  }
}

namespace {

Value int64_value(int64_t n) {
  return Value::integer(n, "int64");
}

using Fold = int64_t (*)(int64_t, int64_t);

void add_fold(FunctionTable &t, const std::string &name, Fold fold, size_t min_args) {
  t.add(name, [name, fold, min_args](Call &, std::vector<Value> &a) {
    want_at_least(a, min_args, name);
    int64_t acc = cast_int64(a[0]);
    for (size_t i = 1; i < a.size(); ++i) {
      acc = fold(acc, cast_int64(a[i]));
    }
    return int64_value(acc);
  });
}

using FoldF = double (*)(double, double);

void add_fold_f(FunctionTable &t, const std::string &name, FoldF fold) {
  t.add(name, [name, fold](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, name);
    double acc = cast_float64(a[0]);
    for (size_t i = 1; i < a.size(); ++i) {
      acc = fold(acc, cast_float64(a[i]));
    }
    return Value::floating(acc);
  });
}

} // namespace

void register_math_functions(FunctionTable &t) {
  add_fold(
      t, "add",
      [](int64_t x, int64_t y) {
        return static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(y));
      },
      0);
  t.functions["add"] = [](Call &, std::vector<Value> &a) {
    int64_t acc = 0;
    for (const Value &v : a) {
      acc = static_cast<int64_t>(static_cast<uint64_t>(acc) + static_cast<uint64_t>(cast_int64(v)));
    }
    return int64_value(acc);
  };
  t.add("add1", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "add1");
    return int64_value(cast_int64(a[0]) + 1);
  });
  t.add("sub", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "sub");
    return int64_value(cast_int64(a[0]) - cast_int64(a[1]));
  });
  add_fold(
      t, "mul",
      [](int64_t x, int64_t y) {
        return static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
      },
      1);
  t.add("div", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "div");
    const int64_t d = cast_int64(a[1]);
    if (d == 0) {
      throw FunctionError("runtime error: integer divide by zero");
    }
    return int64_value(cast_int64(a[0]) / d);
  });
  t.add("mod", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "mod");
    const int64_t d = cast_int64(a[1]);
    if (d == 0) {
      throw FunctionError("runtime error: integer divide by zero");
    }
    return int64_value(cast_int64(a[0]) % d);
  });
  add_fold(
      t, "max", [](int64_t x, int64_t y) { return std::max(x, y); }, 1);
  add_fold(
      t, "min", [](int64_t x, int64_t y) { return std::min(x, y); }, 1);
  add_fold_f(t, "addf", [](double x, double y) { return x + y; });
  add_fold_f(t, "subf", [](double x, double y) { return x - y; });
  add_fold_f(t, "mulf", [](double x, double y) { return x * y; });
  add_fold_f(t, "divf", [](double x, double y) { return x / y; });
  add_fold_f(t, "maxf", [](double x, double y) { return std::max(x, y); });
  add_fold_f(t, "minf", [](double x, double y) { return std::min(x, y); });
  t.add("floor", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "floor");
    return Value::floating(std::floor(cast_float64(a[0])));
  });
  t.add("ceil", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "ceil");
    return Value::floating(std::ceil(cast_float64(a[0])));
  });
  t.add("round", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 2, "round");
    const double p = std::pow(10.0, static_cast<double>(cast_int64(a[1])));
    return Value::floating(std::round(cast_float64(a[0]) * p) / p);
  });
  t.add("int", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "int");
    return Value::integer(cast_int64(a[0]));
  });
  t.add("int64", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "int64");
    return int64_value(cast_int64(a[0]));
  });
  t.add("float64", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "float64");
    return Value::floating(cast_float64(a[0]));
  });
  t.add("atoi", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "atoi");
    const std::string &s = want_string(a[0]);
    char *end = nullptr;
    errno = 0;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    return Value::integer(s.empty() || *end != '\0' || errno == ERANGE ? 0 : n);
  });
  t.add("toDecimal", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toDecimal");
    const std::string text = cast_string(a[0]); // `end` points into it
    char *end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 8);
    return int64_value(*end != '\0' ? 0 : n);
  });
}

} // namespace wincompat::helm

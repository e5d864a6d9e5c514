// Go text/template's execution: walking nodes, evaluating pipelines,
// fields, variables and function calls with Go's rules and messages.
#include "exec.hpp"

#include <cctype>
#include <cstdint>

namespace wincompat::helm {

namespace {

struct BreakSignal {};
struct ContinueSignal {};

} // namespace

class State {
public:
  State(Engine &engine, const Tree &tree, const Value &dot, Text &out)
      : engine_(engine), tree_(tree), out_(out), root_(dot) {
    vars_.push_back({"$", dot});
  }

  void run(std::vector<Taint> *taints) {
    taints_ = taints;
    walk_list(tree_.root, root_); // not vars_'s copy: the vector reallocates
  }

private:
  const TemplateSource &source() const {
    return *tree_.source;
  }

  std::string snippet(uint32_t begin, uint32_t end) const {
    if (end > source().text.size() || begin > end) {
      return "";
    }
    return source().text.substr(begin, end - begin);
  }

  [[noreturn]] void fail(uint32_t pos, uint32_t end, const std::string &what, bool unsupported = false,
                         const std::string &detail = {}, uint32_t at = UINT32_MAX) const {
    std::string message = "template: " + source().location(at == UINT32_MAX ? pos : at) + ": executing \"" +
                          tree_.name + "\" at <" + snippet(pos, end) + ">: " + what;
    ExecError error(std::move(message), tree_.source, Span{pos, end}, unsupported);
    error.detail = detail.empty() ? what : detail;
    throw error;
  }

  /// fail() for a bound of limits.hpp; `chart_wide`: it holds for the
  /// whole render (the templates after this one are not rendered either).
  [[noreturn]] void fail_limit(uint32_t pos, uint32_t end, const std::string &what, bool chart_wide) const {
    try {
      fail(pos, end, what);
    } catch (ExecError &error) {
      error.limit = true;
      error.chart_limit = chart_wide;
      throw;
    }
  }

  void step(uint32_t pos, uint32_t end) {
    const ExecLimits &limits = engine_.limits_;
    if (++engine_.steps_ > limits.max_steps) {
      fail_limit(pos, end,
                 "the chart's templates ran more than " + std::to_string(limits.max_steps) +
                     " steps (wincompat's step limit per chart render)",
                 true);
    }
    if (out_.str.size() > limits.max_output) {
      fail_limit(pos, end,
                 "the rendered output passed " + std::to_string(limits.max_output >> 20) +
                     " MiB (wincompat's size limit per template)",
                 false);
    }
    if (taints_ != nullptr && engine_.rendered_ + out_.str.size() > limits.max_chart_output) {
      fail_limit(pos, end,
                 "the chart's rendered output passed " + std::to_string(limits.max_chart_output >> 20) +
                     " MiB (wincompat's size limit per chart)",
                 true);
    }
    if ((engine_.steps_ & 255) == 0 && std::chrono::steady_clock::now() > engine_.deadline_) {
      fail_limit(pos, end,
                 "rendering the chart took longer than " + format_float_g(limits.max_seconds) +
                     " s (wincompat's time limit per chart render)",
                 true);
    }
  }

  /// Bounds on what a function returns: one string, one list or dict, and
  /// the bytes the render's functions built in all. A list or map only the
  /// result holds was built by the call; one held elsewhere (`set` returns
  /// its dict, `index` an item) was not, and costs nothing more.
  void account(const Value &result, const Command &cmd) {
    uint64_t bytes = 0;
    size_t items = 0;
    if (result.is_string()) {
      bytes = result.str().size();
      if (bytes > kMaxStringBytes) {
        fail_limit(cmd.pos, cmd.end,
                   "the result is a string longer than " + std::to_string(kMaxStringBytes >> 20) +
                       " MiB (wincompat's limit on one string)",
                   false);
      }
    } else if (result.kind == Value::Kind::List && result.list.use_count() == 1) {
      items = result.list->size();
      for (const Value &item : *result.list) {
        bytes += item.str().size();
      }
    } else if (result.kind == Value::Kind::Map && result.map.use_count() == 1) {
      items = result.map->size();
      for (const auto &[key, item] : *result.map) {
        bytes += key.size() + item.str().size();
      }
    }
    if (items > kMaxItems) {
      fail_limit(cmd.pos, cmd.end,
                 "the result is a list or dict of more than " + std::to_string(kMaxItems) +
                     " items (wincompat's limit on one list or dict)",
                 false);
    }
    engine_.built_ += bytes + items * sizeof(Value);
    if (engine_.built_ > engine_.limits_.max_built_bytes) {
      fail_limit(cmd.pos, cmd.end,
                 "the chart's template functions built more than " +
                     std::to_string(engine_.limits_.max_built_bytes >> 20) +
                     " MiB of values (wincompat's limit per chart render)",
                 true);
    }
  }

  ChainPtr action_chain(const Node &node) const {
    if (source().path.empty()) {
      return source().text_chain;
    }
    if (!node.place_cache) {
      node.place_cache = make_chain(source().place(Span{node.pos, node.end}, OriginRole::UsedBy));
    }
    return node.place_cache;
  }

  ChainPtr text_chain(const Node &node) const {
    if (source().path.empty()) {
      return source().text_chain;
    }
    if (!node.place_cache) {
      const Span span{node.text_at, static_cast<uint32_t>(node.text_at + node.text.size())};
      node.place_cache = make_chain(source().place(span, OriginRole::WrittenIn));
    }
    return node.place_cache;
  }

  void walk_list(const NodeList &list, const Value &dot) {
    for (const auto &node : list) {
      walk(*node, dot);
    }
  }

  void walk(const Node &node, const Value &dot) {
    if (engine_.partial && node.kind != Node::Kind::Text) {
      walk_partial(node, dot);
      return;
    }
    if (taints_ == nullptr || node.kind == Node::Kind::Text) {
      walk_node(node, dot);
      return;
    }
    // The file's own nodes: an unsupported construct taints the output here
    // (the objects around it are dropped) and execution goes on.
    const auto at = static_cast<uint32_t>(out_.str.size());
    try {
      walk_node(node, dot);
    } catch (ExecError &error) {
      if (!error.unsupported) {
        throw;
      }
      taints_->push_back({at, error});
      taints_->push_back({static_cast<uint32_t>(out_.str.size()), error});
    }
  }

  /// Partial rendering: an action that fails is unknown, and so is the
  /// text of a control structure whose pipeline fails; execution goes on.
  /// Limits still stop the template.
  void walk_partial(const Node &node, const Value &dot) {
    const size_t mark = vars_.size();
    try {
      walk_node(node, dot);
    } catch (ExecError &error) {
      if (error.limit) {
        throw;
      }
      vars_.resize(mark);
      const bool structural = node.kind != Node::Kind::Action;
      engine_.unknowns.push_back({std::move(error), structural});
      Value unknown =
          Value::of(std::make_shared<UnknownObject>(static_cast<uint32_t>(engine_.unknowns.size())));
      if (!structural && !node.pipe->decl.empty()) {
        // `$x := required ...`: $x is unknown, nothing is printed.
        for (const std::string &name : node.pipe->decl) {
          if (node.pipe->is_assign) {
            set_var(name, unknown, node.pipe->pos, node.pipe->end);
          } else {
            vars_.push_back({name, unknown});
          }
        }
        return;
      }
      print_unknown(node, unknown);
    }
  }

  void print_unknown(const Node &node, const Value &unknown) {
    out_.append_via(printed(unknown), action_chain(node), engine_.joiner_);
  }

  /// Partial rendering: a control structure on an unknown value renders
  /// neither branch; its text is unknown (a structural copy of the cause).
  bool unknown_branch(const Node &node, const Value &value) {
    const UnknownObject *unknown = as_unknown(value);
    if (unknown == nullptr) {
      return false;
    }
    UnknownCause cause = engine_.unknowns.at(unknown->id - 1);
    cause.structural = true;
    engine_.unknowns.push_back(std::move(cause));
    print_unknown(node,
                  Value::of(std::make_shared<UnknownObject>(static_cast<uint32_t>(engine_.unknowns.size()))));
    return true;
  }

  void walk_node(const Node &node, const Value &dot) {
    step(node.pos, node.end);
    switch (node.kind) {
    case Node::Kind::Text:
      if (!node.text.empty()) {
        out_.append(node.text, text_chain(node));
      }
      return;
    case Node::Kind::Action: {
      Value value = eval_pipeline(*node.pipe, dot);
      if (node.pipe->decl.empty()) {
        Text text;
        try {
          text = printed(value);
        } catch (LimitExceeded &error) {
          fail_limit(node.pos, node.end, std::string("printing ") + error.what(), false);
        }
        out_.append_via(text, action_chain(node), engine_.joiner_);
      }
      return;
    }
    case Node::Kind::If:
    case Node::Kind::With: {
      const size_t mark = vars_.size();
      Value value = eval_pipeline(*node.pipe, dot);
      if (unknown_branch(node, value)) {
        vars_.resize(mark);
        return;
      }
      if (truthy(value)) {
        walk_list(node.list, node.kind == Node::Kind::With ? value : dot);
      } else {
        walk_list(node.else_list, dot);
      }
      vars_.resize(mark);
      return;
    }
    case Node::Kind::Range:
      walk_range(node, dot);
      return;
    case Node::Kind::Template: {
      Value data = node.pipe ? eval_pipeline(*node.pipe, dot) : Value::nil();
      if (!engine_.has(node.template_name)) {
        fail(node.pos, node.end, "template \"" + node.template_name + "\" not defined");
      }
      Text text = engine_.execute_named(node.template_name, data, action_chain(node));
      out_.append(text);
      return;
    }
    case Node::Kind::Break:
      throw BreakSignal{};
    case Node::Kind::Continue:
      throw ContinueSignal{};
    }
  }

  void range_body(const Node &node, const Value &key, const Value &elem, size_t mark) {
    vars_.resize(mark);
    const auto &decl = node.pipe->decl;
    if (decl.size() == 1) {
      vars_.push_back({decl[0], elem});
    } else if (decl.size() == 2) {
      vars_.push_back({decl[0], key});
      vars_.push_back({decl[1], elem});
    }
    walk_list(node.list, elem);
  }

  void walk_range(const Node &node, const Value &dot) {
    const size_t mark = vars_.size();
    Pipe pipe = *node.pipe;
    pipe.decl.clear(); // range declares per iteration
    Value value = eval_pipeline(pipe, dot);
    if (unknown_branch(node, value)) {
      vars_.resize(mark);
      return;
    }
    bool any = false;
    auto each = [&](const Value &key, const Value &elem) {
      any = true;
      step(node.pos, node.end);
      try {
        range_body(node, key, elem, mark);
      } catch (ContinueSignal &) {
      }
    };
    try {
      switch (value.kind) {
      case Value::Kind::List: {
        const auto items = value.list; // iteration keeps the list alive
        for (size_t i = 0; i < items->size(); ++i) {
          each(Value::integer(static_cast<int64_t>(i)), (*items)[i]);
        }
        break;
      }
      case Value::Kind::Map: {
        const auto entries = value.map;
        std::vector<std::string> keys;
        for (const auto &entry : *entries) {
          keys.push_back(entry.first);
        }
        for (const std::string &k : keys) {
          auto it = entries->find(k);
          if (it != entries->end()) {
            each(Value::string(k), it->second);
          }
        }
        break;
      }
      case Value::Kind::Int:
        if (node.pipe->decl.size() > 1) {
          fail(node.pipe->pos, node.pipe->end,
               "can't use " + std::to_string(value.i) + " to iterate over more than one variable");
        }
        for (int64_t i = 0; i < value.i; ++i) {
          Value n = Value::integer(i, value.go_type);
          each(n, n);
        }
        break;
      case Value::Kind::Nil:
        break;
      case Value::Kind::Object: {
        std::vector<std::pair<std::string, Value>> entries;
        if (!value.object->entries(entries)) {
          fail(node.pipe->pos, node.pipe->end, "range can't iterate over " + format_v(value));
        }
        for (const auto &[k, v] : entries) {
          each(Value::string(k), v);
        }
        break;
      }
      default:
        fail(node.pipe->pos, node.pipe->end, "range can't iterate over " + format_v(value));
      }
    } catch (BreakSignal &) {
    }
    vars_.resize(mark);
    if (!any) {
      walk_list(node.else_list, dot);
      vars_.resize(mark);
    }
  }

  Value eval_pipeline(const Pipe &pipe, const Value &dot) {
    Value value;
    bool have = false;
    const Command *before = nullptr;
    for (const Command &cmd : pipe.cmds) {
      previous_ = before;
      value = eval_command(cmd, dot, have ? &value : nullptr);
      have = true;
      before = &cmd;
    }
    for (const std::string &name : pipe.decl) {
      if (pipe.is_assign) {
        set_var(name, value, pipe.pos, pipe.end);
      } else {
        vars_.push_back({name, value});
      }
    }
    return value;
  }

  void set_var(const std::string &name, const Value &value, uint32_t pos, uint32_t end) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) {
        it->second = value;
        return;
      }
    }
    fail(pos, end, "undefined variable: " + name);
  }

  Value var(const std::string &name, uint32_t pos, uint32_t end) const {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) {
        return it->second;
      }
    }
    fail(pos, end, "undefined variable: " + name);
  }

  Value eval_command(const Command &cmd, const Value &dot, const Value *final) {
    const Arg &first = cmd.args.front();
    switch (first.kind) {
    case Arg::Kind::Function:
      return call_function(cmd, dot, final);
    case Arg::Kind::Field:
      return eval_field_chain(dot, first.fields, cmd, dot, final, first.pos);
    case Arg::Kind::Variable:
      if (!first.fields.empty()) {
        return eval_field_chain(var(first.name, first.pos, first.end), first.fields, cmd, dot, final,
                                first.pos);
      }
      break;
    case Arg::Kind::Pipe:
      if (!first.fields.empty()) {
        return eval_field_chain(eval_pipeline(*first.pipe, dot), first.fields, cmd, dot, final, first.pos);
      }
      break;
    case Arg::Kind::Nil:
      fail(first.pos, first.end, "nil is not a command");
    default:
      break;
    }
    if (cmd.args.size() > 1 || final) {
      fail(cmd.pos, cmd.end, "can't give argument to non-function " + snippet(first.pos, first.end));
    }
    return eval_arg(first, dot);
  }

  Value eval_arg(const Arg &arg, const Value &dot) {
    switch (arg.kind) {
    case Arg::Kind::Dot:
      return dot;
    case Arg::Kind::Nil:
      return Value::nil();
    case Arg::Kind::Bool:
      return Value::boolean(arg.b);
    case Arg::Kind::Number:
      if (arg.overflows_int) {
        fail(arg.pos, arg.end, snippet(arg.pos, arg.end) + " overflows int");
      }
      return arg.is_int ? Value::integer(arg.i) : Value::floating(arg.f);
    case Arg::Kind::String:
      return Value::string(arg.s);
    case Arg::Kind::Variable: {
      Value v = var(arg.name, arg.pos, arg.end);
      return arg.fields.empty() ? v : field_chain(v, arg.fields, arg.pos, arg.end);
    }
    case Arg::Kind::Field:
      return field_chain(dot, arg.fields, arg.pos, arg.end);
    case Arg::Kind::Pipe: {
      const size_t mark = vars_.size();
      Value v = eval_pipeline(*arg.pipe, dot);
      vars_.resize(mark);
      return arg.fields.empty() ? v : field_chain(v, arg.fields, arg.pos, arg.end);
    }
    case Arg::Kind::Function: {
      Command cmd;
      cmd.pos = arg.pos;
      cmd.end = arg.end;
      cmd.args.push_back(arg);
      return call_function(cmd, dot, nullptr);
    }
    }
    return {};
  }

  /// A field chain's error at `pos..end`. Go's parser places a chain
  /// (`.a.b`, `$x.a`, `$.a`) at its second element, and its messages say so.
  [[noreturn]] void fail_chain(uint32_t pos, uint32_t end, const std::string &what) const {
    const std::string &text = source().text;
    uint32_t at = pos;
    if (at < end && (text[at] == '.' || text[at] == '$')) {
      ++at;
      while (at < end && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' ||
                          static_cast<unsigned char>(text[at]) >= 0x80)) {
        ++at;
      }
    }
    fail(pos, end, what, false, {}, at < end && text[at] == '.' ? at : pos);
  }

  /// One field step: a map key (missing: no value), an object's method
  /// without arguments.
  ///
  /// Go unwraps a pipeline's or variable's nil to an invalid value, and a
  /// field of that is no value, not an error, to the chain's end:
  /// `(.Values.a).b` and `$x.b.c` are safe. A nil met inside a chain (`.Values.a.b` with `a` missing or null)
  /// is a nil interface: Go's "nil pointer evaluating" error.
  ///
  /// `looked_up`: the receiver came from a map (an earlier field), so its
  /// static type is Go's `interface {}`, which the type error names.
  Value field(const Value &receiver, const std::string &name, uint32_t pos, uint32_t end,
              bool looked_up = false) {
    if (as_unknown(receiver)) {
      return receiver; // a field of an unknown is unknown
    }
    switch (receiver.kind) {
    case Value::Kind::Map: {
      auto it = receiver.map->find(name);
      return it == receiver.map->end() ? Value::nil() : it->second;
    }
    case Value::Kind::Object: {
      std::vector<Value> none;
      Value result;
      if (receiver.object->call(name, none, result)) {
        return result;
      }
      fail_chain(pos, end, "can't evaluate field " + name + " in type " + receiver.object->type_name());
    }
    case Value::Kind::Nil:
      fail_chain(pos, end, "nil pointer evaluating interface {}." + name);
    default:
      fail_chain(pos, end,
                 "can't evaluate field " + name + " in type " +
                     (looked_up ? "interface {}" : type_name(receiver)));
    }
  }

  Value field_chain(Value receiver, const std::vector<std::string> &fields, uint32_t pos, uint32_t end) {
    // A nil receiver here is Go's invalid value (dot, a variable or a
    // pipeline unwrapped): every field of it is no value, to the chain's end.
    if (receiver.is_nil()) {
      return receiver;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      receiver = field(receiver, fields[i], pos, end, i > 0);
    }
    return receiver;
  }

  /// A field chain that heads a command: its last field may be a method
  /// taking the command's other arguments.
  Value eval_field_chain(Value receiver, const std::vector<std::string> &fields, const Command &cmd,
                         const Value &dot, const Value *final, uint32_t pos) {
    const Arg &head = cmd.args.front();
    if (receiver.is_nil()) {
      return receiver; // Go's invalid value: no value, arguments unevaluated
    }
    for (size_t i = 0; i + 1 < fields.size(); ++i) {
      receiver = field(receiver, fields[i], pos, head.end, i > 0);
    }
    const std::string &last = fields.back();
    const bool has_args = cmd.args.size() > 1 || final;
    if (as_unknown(receiver)) {
      return receiver;
    }
    if (receiver.kind == Value::Kind::Object) {
      std::vector<Value> args;
      for (size_t i = 1; i < cmd.args.size(); ++i) {
        args.push_back(eval_arg(cmd.args[i], dot));
      }
      if (final) {
        args.push_back(*final);
      }
      Value result;
      try {
        if (receiver.object->call(last, args, result)) {
          return result;
        }
      } catch (FunctionError &error) {
        fail(cmd.pos, cmd.end, error.bare ? error.what() : "error calling " + last + ": " + error.what());
      }
      fail_chain(pos, head.end, "can't evaluate field " + last + " in type " + receiver.object->type_name());
    }
    if (has_args) {
      if (receiver.kind == Value::Kind::Nil) {
        fail_chain(pos, head.end, "nil pointer evaluating interface {}." + last);
      }
      fail_chain(pos, head.end, last + " is not a method but has arguments");
    }
    return field(receiver, last, pos, head.end, fields.size() > 1);
  }

  Value call_function(const Command &cmd, const Value &dot, const Value *final) {
    const Arg &head = cmd.args.front();
    const std::string &name = head.name;
    if (name == "and" || name == "or") {
      return and_or(cmd, dot, final, name == "and");
    }
    auto it = engine_.functions_.functions.find(name);
    if (it == engine_.functions_.functions.end()) {
      fail(head.pos, head.end, "function \"" + name + "\" not defined", true);
    }
    std::vector<Value> args;
    args.reserve(cmd.args.size());
    for (size_t i = 1; i < cmd.args.size(); ++i) {
      args.push_back(eval_arg(cmd.args[i], dot));
    }
    if (final) {
      args.push_back(*final);
    }
    if (engine_.partial) {
      // An unknown argument gives an unknown result.
      for (const Value &arg : args) {
        if (as_unknown(arg)) {
          return arg;
        }
      }
    }
    const Command *piped = final ? previous_ : nullptr;
    Call call{engine_, name, dot, nullptr};
    Value result;
    try {
      result = it->second(call, args);
    } catch (LimitExceeded &error) {
      fail_limit(cmd.pos, cmd.end, "error calling " + name + ": " + error.what(), false);
    } catch (FunctionError &error) {
      try {
        fail(cmd.pos, cmd.end, error.bare ? error.what() : "error calling " + name + ": " + error.what(),
             false, error.what());
      } catch (ExecError &failed) {
        if (!error.bare) {
          failed.function = name;
          if (name == "required") {
            // The value it was given: its last argument, or the command piped into it.
            const Arg *given = cmd.args.size() > 2 ? &cmd.args.back() : nullptr;
            if (given == nullptr && piped != nullptr && piped->args.size() == 1) {
              given = &piped->args.front();
            }
            failed.values_key = given ? values_key(*given) : "";
          }
        }
        throw;
      }
    } catch (ExecError &error) {
      if (error.unsupported) {
        throw;
      }
      // An error inside `include`/`tpl`: Go reports it as the call's error;
      // it is placed where it happened when that is a real file.
      try {
        fail(cmd.pos, cmd.end, "error calling " + name + ": " + error.what(), false, error.detail);
      } catch (ExecError &outer) {
        if (error.source && !error.source->path.empty()) {
          outer.source = error.source;
          outer.span = error.span;
        }
        outer.limit = error.limit;
        outer.chart_limit = error.chart_limit;
        throw;
      }
    }
    account(result, cmd);
    return result;
  }

  /// The values key an argument reads (`.Values.a.b`, `$.Values.a.b`: "a.b"), or empty.
  static std::string values_key(const Arg &arg) {
    const bool from_root =
        arg.kind == Arg::Kind::Field || (arg.kind == Arg::Kind::Variable && arg.name == "$");
    if (!from_root || arg.fields.size() < 2 || arg.fields.front() != "Values") {
      return "";
    }
    std::string key;
    for (size_t i = 1; i < arg.fields.size(); ++i) {
      key += (i > 1 ? "." : "") + arg.fields[i];
    }
    return key;
  }

  Value and_or(const Command &cmd, const Value &dot, const Value *final, bool is_and) {
    const size_t count = cmd.args.size() - 1 + (final ? 1 : 0);
    if (count < 1) {
      fail(cmd.pos, cmd.end,
           std::string("wrong number of args for ") + (is_and ? "and" : "or") + ": want at least 1 got 0");
    }
    Value value;
    for (size_t i = 1; i <= count; ++i) {
      value = i < cmd.args.size() ? eval_arg(cmd.args[i], dot) : *final;
      if (truthy(value) != is_and) {
        return value;
      }
    }
    return value;
  }

  Engine &engine_;
  const Tree &tree_;
  Text &out_;
  const Value root_;
  std::vector<std::pair<std::string, Value>> vars_;
  std::vector<Taint> *taints_ = nullptr;
  const Command *previous_ = nullptr; // the command piped into the one evaluated
};

void Engine::add(const std::vector<std::shared_ptr<Tree>> &trees) {
  for (const auto &tree : trees) {
    // Go keeps an earlier definition when a later one is empty.
    auto it = templates_.find(tree->name);
    if (it != templates_.end() && tree->root.empty() && tree != trees.front()) {
      continue;
    }
    templates_[tree->name] = tree;
  }
}

namespace {
struct DepthGuard {
  size_t &depth;
  explicit DepthGuard(size_t &d) : depth(d) {
    ++depth;
  }
  ~DepthGuard() {
    --depth;
  }
};
} // namespace

Text Engine::execute_file(const std::string &name, const Value &dot, std::vector<Taint> &taints) {
  Text out;
  const auto &tree = templates_.at(name);
  State state(*this, *tree, dot, out);
  DepthGuard guard(depth_);
  state.run(&taints);
  rendered_ += out.str.size();
  return out;
}

Text Engine::execute_named(const std::string &name, const Value &dot, const ChainPtr &via) {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    throw FunctionError("template: no template \"" + name + "\" associated with template \"gotpl\"");
  }
  if (depth_ >= limits_.max_depth) {
    throw FunctionError("exceeded maximum template depth (" + std::to_string(limits_.max_depth) + ")");
  }
  DepthGuard guard(depth_);
  Text inner;
  State state(*this, *it->second, dot, inner);
  state.run(nullptr);
  if (!via) {
    return inner;
  }
  Text out;
  out.append_via(inner, via, joiner_);
  return out;
}

Text Engine::execute_string(const Text &text, const Value &dot, const std::string &parse_name) {
  if (depth_ >= limits_.max_depth) {
    throw FunctionError("exceeded maximum template depth (" + std::to_string(limits_.max_depth) + ")");
  }
  auto source = std::make_shared<TemplateSource>();
  source->name = parse_name;
  source->text = text.str;
  source->text_chain = text.pieces.empty() ? nullptr : text.pieces.front().chain;
  std::vector<std::shared_ptr<Tree>> trees;
  try {
    trees = parse_template(source);
  } catch (ParseError &error) {
    throw FunctionError(error.what());
  }
  // Definitions inside the string join the set (as Helm's tpl does).
  for (size_t i = 1; i < trees.size(); ++i) {
    templates_[trees[i]->name] = trees[i];
  }
  owned_.push_back(trees.front());
  DepthGuard guard(depth_);
  Text out;
  State state(*this, *trees.front(), dot, out);
  state.run(nullptr);
  return out;
}

} // namespace wincompat::helm

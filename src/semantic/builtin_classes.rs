//! The classes of astroid's `builtins` module, as pylint 4.1.4 (astroid
//! 4.x on CPython 3.11) sees them: each class's bases and its `locals`.
//!
//! astroid builds `builtins` by introspection, so a builtin class's locals
//! are `dir()` of the class (inherited names included), sorted, after the
//! three names astroid gives every class (`__module__`, `__qualname__`,
//! `__annotations__`), plus what its brains append (`str.decode`). To stay
//! small the table stores, per class, only the names none of its bases has
//! (`own`, merged back in sorted order) and the appended ones.
//!
//! Generated from astroid itself (`MANAGER.ast_from_module_name("builtins")`):
//! for each `ClassDef` bound under its own name, `own` = `locals` minus the
//! union of its bases' `locals`, checked to rebuild the original list exactly.

/// One builtin class.
pub struct BuiltinClass {
    pub name: &'static str,
    pub bases: &'static [&'static str],
    /// Names of `dir()` that no base has.
    pub own: &'static [&'static str],
    /// Names a brain appends after the sorted `dir()` names.
    pub appended: &'static [&'static str],
}

/// The names every class's `locals` starts with in astroid.
pub const IMPLICIT_LOCALS: &[&str] = &["__module__", "__qualname__", "__annotations__"];

/// Builtin names bound to a class of another name.
const ALIASES: &[(&str, &str)] = &[("EnvironmentError", "OSError"), ("IOError", "OSError")];

/// The builtin class a builtin name is bound to.
pub fn builtin_class(name: &str) -> Option<&'static BuiltinClass> {
    let name = ALIASES.iter().find(|(alias, _)| *alias == name).map_or(name, |(_, class)| *class);
    BUILTIN_CLASSES.iter().find(|class| class.name == name)
}

impl BuiltinClass {
    /// The class's `locals` names in astroid's order, the implicit three first.
    pub fn locals(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.own.to_vec();
        for base in self.bases {
            if let Some(base) = builtin_class(base) {
                names.extend(base.locals().into_iter().filter(|name| !IMPLICIT_LOCALS.contains(name)));
            }
        }
        // The appended names of a base are sorted in here, as `dir()` sorts them.
        names.retain(|name| !self.appended.contains(name));
        names.sort_unstable();
        names.dedup();
        let mut locals = IMPLICIT_LOCALS.to_vec();
        locals.extend(names);
        locals.extend(self.appended.iter().copied());
        locals
    }

    /// Whether `name` is one of the class's `locals`.
    pub fn has(&self, name: &str) -> bool {
        IMPLICIT_LOCALS.contains(&name)
            || self.own.contains(&name)
            || self.appended.contains(&name)
            || self.bases.iter().filter_map(|base| builtin_class(base)).any(|base| base.has(name))
    }
}

pub const BUILTIN_CLASSES: &[BuiltinClass] = &[
    BuiltinClass { name: "ArithmeticError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "AssertionError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "AttributeError", bases: &["Exception"], own: &["name", "obj"], appended: &[] },
    BuiltinClass { name: "BaseException", bases: &["object"], own: &["__cause__", "__context__", "__dict__", "__setstate__", "__suppress_context__", "__traceback__", "add_note", "args", "with_traceback"], appended: &[] },
    BuiltinClass { name: "BaseExceptionGroup", bases: &["BaseException"], own: &["__class_getitem__", "derive", "exceptions", "message", "split", "subgroup"], appended: &[] },
    BuiltinClass { name: "BlockingIOError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "BrokenPipeError", bases: &["ConnectionError"], own: &[], appended: &[] },
    BuiltinClass { name: "BufferError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "BytesWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "ChildProcessError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "ConnectionAbortedError", bases: &["ConnectionError"], own: &[], appended: &[] },
    BuiltinClass { name: "ConnectionError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "ConnectionRefusedError", bases: &["ConnectionError"], own: &[], appended: &[] },
    BuiltinClass { name: "ConnectionResetError", bases: &["ConnectionError"], own: &[], appended: &[] },
    BuiltinClass { name: "DeprecationWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "EOFError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "EncodingWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "Exception", bases: &["BaseException"], own: &[], appended: &[] },
    BuiltinClass { name: "ExceptionGroup", bases: &["BaseExceptionGroup", "Exception"], own: &["__weakref__"], appended: &[] },
    BuiltinClass { name: "FileExistsError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "FileNotFoundError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "FloatingPointError", bases: &["ArithmeticError"], own: &[], appended: &[] },
    BuiltinClass { name: "FutureWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "GeneratorExit", bases: &["BaseException"], own: &[], appended: &[] },
    BuiltinClass { name: "ImportError", bases: &["Exception"], own: &["msg", "name", "path"], appended: &[] },
    BuiltinClass { name: "ImportWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "IndentationError", bases: &["SyntaxError"], own: &[], appended: &[] },
    BuiltinClass { name: "IndexError", bases: &["LookupError"], own: &[], appended: &[] },
    BuiltinClass { name: "InterruptedError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "IsADirectoryError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "KeyError", bases: &["LookupError"], own: &[], appended: &[] },
    BuiltinClass { name: "KeyboardInterrupt", bases: &["BaseException"], own: &[], appended: &[] },
    BuiltinClass { name: "LookupError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "MemoryError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "ModuleNotFoundError", bases: &["ImportError"], own: &[], appended: &[] },
    BuiltinClass { name: "NameError", bases: &["Exception"], own: &["name"], appended: &[] },
    BuiltinClass { name: "NotADirectoryError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "NotImplementedError", bases: &["RuntimeError"], own: &[], appended: &[] },
    BuiltinClass { name: "OSError", bases: &["Exception"], own: &["characters_written", "errno", "filename", "filename2", "strerror"], appended: &[] },
    BuiltinClass { name: "OverflowError", bases: &["ArithmeticError"], own: &[], appended: &[] },
    BuiltinClass { name: "PendingDeprecationWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "PermissionError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "ProcessLookupError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "RecursionError", bases: &["RuntimeError"], own: &[], appended: &[] },
    BuiltinClass { name: "ReferenceError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "ResourceWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "RuntimeError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "RuntimeWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "StopAsyncIteration", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "StopIteration", bases: &["Exception"], own: &["value"], appended: &[] },
    BuiltinClass { name: "SyntaxError", bases: &["Exception"], own: &["end_lineno", "end_offset", "filename", "lineno", "msg", "offset", "print_file_and_line", "text"], appended: &[] },
    BuiltinClass { name: "SyntaxWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "SystemError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "SystemExit", bases: &["BaseException"], own: &["code"], appended: &[] },
    BuiltinClass { name: "TabError", bases: &["IndentationError"], own: &[], appended: &[] },
    BuiltinClass { name: "TimeoutError", bases: &["OSError"], own: &[], appended: &[] },
    BuiltinClass { name: "TypeError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "UnboundLocalError", bases: &["NameError"], own: &[], appended: &[] },
    BuiltinClass { name: "UnicodeDecodeError", bases: &["UnicodeError"], own: &["encoding", "end", "object", "reason", "start"], appended: &[] },
    BuiltinClass { name: "UnicodeEncodeError", bases: &["UnicodeError"], own: &["encoding", "end", "object", "reason", "start"], appended: &[] },
    BuiltinClass { name: "UnicodeError", bases: &["ValueError"], own: &[], appended: &[] },
    BuiltinClass { name: "UnicodeTranslateError", bases: &["UnicodeError"], own: &["encoding", "end", "object", "reason", "start"], appended: &[] },
    BuiltinClass { name: "UnicodeWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "UserWarning", bases: &["Warning"], own: &[], appended: &[] },
    BuiltinClass { name: "ValueError", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "Warning", bases: &["Exception"], own: &[], appended: &[] },
    BuiltinClass { name: "ZeroDivisionError", bases: &["ArithmeticError"], own: &[], appended: &[] },
    BuiltinClass { name: "bool", bases: &["int"], own: &[], appended: &[] },
    BuiltinClass { name: "bytearray", bases: &["object"], own: &["__add__", "__alloc__", "__contains__", "__delitem__", "__getitem__", "__iadd__", "__imul__", "__iter__", "__len__", "__mod__", "__mul__", "__rmod__", "__rmul__", "__setitem__", "append", "capitalize", "center", "clear", "copy", "count", "decode", "endswith", "expandtabs", "extend", "find", "fromhex", "hex", "index", "insert", "isalnum", "isalpha", "isascii", "isdigit", "islower", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "pop", "remove", "removeprefix", "removesuffix", "replace", "reverse", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill"], appended: &[] },
    BuiltinClass { name: "bytes", bases: &["object"], own: &["__add__", "__bytes__", "__contains__", "__getitem__", "__getnewargs__", "__iter__", "__len__", "__mod__", "__mul__", "__rmod__", "__rmul__", "capitalize", "center", "count", "decode", "endswith", "expandtabs", "find", "fromhex", "hex", "index", "isalnum", "isalpha", "isascii", "isdigit", "islower", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill"], appended: &[] },
    BuiltinClass { name: "classmethod", bases: &["object"], own: &["__dict__", "__func__", "__get__", "__isabstractmethod__", "__wrapped__"], appended: &[] },
    BuiltinClass { name: "complex", bases: &["object"], own: &["__abs__", "__add__", "__bool__", "__complex__", "__getnewargs__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__", "__rmul__", "__rpow__", "__rsub__", "__rtruediv__", "__sub__", "__truediv__", "conjugate", "imag", "real"], appended: &[] },
    BuiltinClass { name: "dict", bases: &["object"], own: &["__class_getitem__", "__contains__", "__delitem__", "__getitem__", "__ior__", "__iter__", "__len__", "__or__", "__reversed__", "__ror__", "__setitem__", "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"], appended: &[] },
    BuiltinClass { name: "enumerate", bases: &["object"], own: &["__class_getitem__", "__iter__", "__next__"], appended: &[] },
    BuiltinClass { name: "filter", bases: &["object"], own: &["__iter__", "__next__"], appended: &[] },
    BuiltinClass { name: "float", bases: &["object"], own: &["__abs__", "__add__", "__bool__", "__ceil__", "__divmod__", "__float__", "__floor__", "__floordiv__", "__getformat__", "__getnewargs__", "__int__", "__mod__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__", "__rdivmod__", "__rfloordiv__", "__rmod__", "__rmul__", "__round__", "__rpow__", "__rsub__", "__rtruediv__", "__sub__", "__truediv__", "__trunc__", "as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real"], appended: &[] },
    BuiltinClass { name: "frozenset", bases: &["object"], own: &["__and__", "__class_getitem__", "__contains__", "__iter__", "__len__", "__or__", "__rand__", "__ror__", "__rsub__", "__rxor__", "__sub__", "__xor__", "copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset", "symmetric_difference", "union"], appended: &[] },
    BuiltinClass { name: "int", bases: &["object"], own: &["__abs__", "__add__", "__and__", "__bool__", "__ceil__", "__divmod__", "__float__", "__floor__", "__floordiv__", "__getnewargs__", "__index__", "__int__", "__invert__", "__lshift__", "__mod__", "__mul__", "__neg__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__rfloordiv__", "__rlshift__", "__rmod__", "__rmul__", "__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__", "__rxor__", "__sub__", "__truediv__", "__trunc__", "__xor__", "as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes"], appended: &[] },
    BuiltinClass { name: "list", bases: &["object"], own: &["__add__", "__class_getitem__", "__contains__", "__delitem__", "__getitem__", "__iadd__", "__imul__", "__iter__", "__len__", "__mul__", "__reversed__", "__rmul__", "__setitem__", "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"], appended: &[] },
    BuiltinClass { name: "map", bases: &["object"], own: &["__iter__", "__next__"], appended: &[] },
    BuiltinClass { name: "memoryview", bases: &["object"], own: &["__delitem__", "__enter__", "__exit__", "__getitem__", "__iter__", "__len__", "__setitem__", "c_contiguous", "cast", "contiguous", "f_contiguous", "format", "hex", "itemsize", "nbytes", "ndim", "obj", "readonly", "release", "shape", "strides", "suboffsets", "tobytes", "tolist", "toreadonly"], appended: &[] },
    BuiltinClass { name: "object", bases: &[], own: &["__class__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "property", bases: &["object"], own: &["__delete__", "__get__", "__isabstractmethod__", "__set__", "__set_name__", "deleter", "fdel", "fget", "fset", "getter", "setter"], appended: &[] },
    BuiltinClass { name: "range", bases: &["object"], own: &["__bool__", "__contains__", "__getitem__", "__iter__", "__len__", "__reversed__", "count", "index", "start", "step", "stop"], appended: &[] },
    BuiltinClass { name: "reversed", bases: &["object"], own: &["__iter__", "__length_hint__", "__next__", "__setstate__"], appended: &[] },
    BuiltinClass { name: "set", bases: &["object"], own: &["__and__", "__class_getitem__", "__contains__", "__iand__", "__ior__", "__isub__", "__iter__", "__ixor__", "__len__", "__or__", "__rand__", "__ror__", "__rsub__", "__rxor__", "__sub__", "__xor__", "add", "clear", "copy", "difference", "difference_update", "discard", "intersection", "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union", "update"], appended: &[] },
    BuiltinClass { name: "slice", bases: &["object"], own: &["indices", "start", "step", "stop"], appended: &[] },
    BuiltinClass { name: "staticmethod", bases: &["object"], own: &["__call__", "__dict__", "__func__", "__get__", "__isabstractmethod__", "__wrapped__"], appended: &[] },
    BuiltinClass { name: "str", bases: &["object"], own: &["__add__", "__contains__", "__getitem__", "__getnewargs__", "__iter__", "__len__", "__mod__", "__mul__", "__rmod__", "__rmul__", "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill"], appended: &["decode"] },
    BuiltinClass { name: "super", bases: &["object"], own: &["__get__", "__self__", "__self_class__", "__thisclass__"], appended: &[] },
    BuiltinClass { name: "tuple", bases: &["object"], own: &["__add__", "__class_getitem__", "__contains__", "__getitem__", "__getnewargs__", "__iter__", "__len__", "__mul__", "__rmul__", "count", "index"], appended: &[] },
    BuiltinClass { name: "type", bases: &["object"], own: &["__abstractmethods__", "__base__", "__basicsize__", "__call__", "__dict__", "__dictoffset__", "__flags__", "__instancecheck__", "__itemsize__", "__or__", "__prepare__", "__ror__", "__subclasscheck__", "__subclasses__", "__text_signature__", "__weakrefoffset__", "mro"], appended: &[] },
    BuiltinClass { name: "zip", bases: &["object"], own: &["__iter__", "__next__", "__setstate__"], appended: &[] },
    BuiltinClass { name: "generator", bases: &[], own: &["__class__", "__del__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__", "__le__", "__lt__", "__ne__", "__new__", "__next__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "close", "gi_code", "gi_frame", "gi_running", "gi_suspended", "gi_yieldfrom", "send", "throw"], appended: &[] },
    BuiltinClass { name: "async_generator", bases: &[], own: &["__aiter__", "__anext__", "__class__", "__class_getitem__", "__del__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "aclose", "ag_await", "ag_code", "ag_frame", "ag_running", "asend", "athrow"], appended: &[] },
    BuiltinClass { name: "getset_descriptor", bases: &[], own: &["__class__", "__delattr__", "__delete__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__get__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__objclass__", "__reduce__", "__reduce_ex__", "__repr__", "__set__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "member_descriptor", bases: &[], own: &["__class__", "__delattr__", "__delete__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__get__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__objclass__", "__reduce__", "__reduce_ex__", "__repr__", "__set__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "NoneType", bases: &[], own: &["__bool__", "__class__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "NotImplementedType", bases: &[], own: &["__bool__", "__class__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "function", bases: &[], own: &["__builtins__", "__call__", "__class__", "__closure__", "__code__", "__defaults__", "__delattr__", "__dict__", "__dir__", "__eq__", "__format__", "__ge__", "__get__", "__getattribute__", "__getstate__", "__globals__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__kwdefaults__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "method", bases: &[], own: &["__call__", "__class__", "__delattr__", "__dir__", "__eq__", "__format__", "__func__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__self__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "builtin_function_or_method", bases: &[], own: &["__call__", "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__self__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "__text_signature__"], appended: &[] },
    BuiltinClass { name: "module", bases: &[], own: &["__class__", "__delattr__", "__dict__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"], appended: &[] },
    BuiltinClass { name: "traceback", bases: &[], own: &["__class__", "__delattr__", "__dir__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "tb_frame", "tb_lasti", "tb_lineno", "tb_next"], appended: &[] },
];

/// The methods astroid's builtins brain writes in Python for `str` and
/// `bytes` (`_extend_string_class`), which unlike introspected methods have
/// parameters pylint compares overrides against: (name, parameters after
/// `self`, how many of the last ones have defaults, `*args`/`**kwargs`).
/// `encode` and `format` are `str`'s only; `decode` is on both.
const STRING_BRAIN_METHODS: &[(&str, &[&str], usize, bool)] = &[
    ("capitalize", &[], 0, false),
    ("center", &["width", "fillchar"], 1, false),
    ("count", &["sub", "start", "end"], 2, false),
    ("decode", &["encoding", "errors"], 2, false),
    ("encode", &["encoding", "errors"], 2, false),
    ("find", &["sub", "start", "end"], 2, false),
    ("format", &[], 0, true),
    ("index", &["sub", "start", "end"], 2, false),
    ("join", &["iterable"], 0, false),
    ("ljust", &["width", "fillchar"], 1, false),
    ("lower", &[], 0, false),
    ("lstrip", &["chars"], 1, false),
    ("replace", &["old", "new", "count"], 1, false),
    ("rjust", &["width", "fillchar"], 1, false),
    ("rstrip", &["chars"], 1, false),
    ("strip", &["chars"], 1, false),
    ("swapcase", &[], 0, false),
    ("title", &[], 0, false),
    ("upper", &[], 0, false),
];

/// The signature of a method a brain wrote in Python for a builtin class
/// (`str.join(self, iterable)`); `None` for the introspected ones.
pub fn brain_method_signature(class: &str, name: &str) -> Option<super::signature::Signature> {
    use super::signature::{Param, Signature};
    let applies = match class {
        "str" => true,
        "bytes" => !matches!(name, "encode" | "format"),
        _ => false,
    };
    if !applies {
        return None;
    }
    let (_, parameters, defaults, variadic) = STRING_BRAIN_METHODS.iter().find(|(method, ..)| *method == name)?;
    let mut positional = vec![Param { name: "self".to_string(), has_default: false }];
    let first_default = parameters.len() - defaults;
    positional.extend(parameters.iter().enumerate().map(|(index, parameter)| Param { name: parameter.to_string(), has_default: index >= first_default }));
    Some(Signature { positional, vararg: *variadic, kwarg: *variadic, ..Signature::default() })
}

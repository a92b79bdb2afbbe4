package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kubernetes' mutation construction syntax for cel-java, which knows neither the {@code Object} types of
 * ApplyConfiguration mutations ({@code Object{spec: Object.spec{...}}}) nor {@code JSONPatch{op, path, from,
 * value}}; also {@code jsonpatch.escapeKey}.
 *
 * <p>Approach: the expression is parsed as written (cel-java's parser accepts struct construction with any type
 * name); before type checking, every construction whose type is {@code Object}, {@code Object.<path>} or
 * {@code JSONPatch} is rewritten in the syntax tree into {@code __construct__("<type>", {"field": dyn(value),
 * ...})}, a call returning {@code dyn}. Working on the parsed tree rather than on the text leaves string literals,
 * comments and nested braces to the real parser. Wrapping each field in {@code dyn} mirrors the API server, where
 * every {@code Object} field and {@code JSONPatch.value} are {@code dyn} (map literals the author writes keep their
 * own homogeneity checks). {@code JSONPatch} fields other than op, path, from and value are rejected when
 * compiling, as the API server's type checker does; {@code op}, {@code path} and {@code from} must be strings when
 * evaluated. The call returns a {@link ConstructedObject}.
 */
final class ObjectConstructionLibrary extends FunctionLibrary {

    static final String CONSTRUCT = "__construct__";
    private static final Set<String> JSON_PATCH_FIELDS = Set.of("op", "path", "from", "value");

    ObjectConstructionLibrary() {
        function(CONSTRUCT, newGlobalOverload("__construct___string_map", SimpleType.DYN, SimpleType.STRING,
                MapType.create(SimpleType.DYN, SimpleType.DYN)),
                CelFunctionBinding.from("__construct___string_map", String.class, Map.class,
                        ObjectConstructionLibrary::construct));
        function("jsonpatch.escapeKey", newGlobalOverload("jsonpatch_escape_key_string", SimpleType.STRING,
                SimpleType.STRING),
                CelFunctionBinding.from("jsonpatch_escape_key_string", String.class,
                        key -> key.replace("~", "~0").replace("/", "~1")));
    }

    /** True for the type names the API server declares for mutations. */
    static boolean constructible(String typeName) {
        return typeName.equals("Object") || typeName.startsWith("Object.") || typeName.equals("JSONPatch");
    }

    /**
     * Rewrites the constructions of a parsed expression in place.
     *
     * @return the first problem (an unknown JSONPatch field), or null
     */
    static String rewrite(CelMutableExpr root) {
        long[] nextId = {maxId(root) + 1};
        return rewrite(root, nextId);
    }

    private static String rewrite(CelMutableExpr expr, long[] nextId) {
        String problem = null;
        switch (expr.getKind()) {
            case CALL -> {
                CelMutableExpr.CelMutableCall call = expr.call();
                if (call.target().isPresent()) {
                    problem = first(problem, rewrite(call.target().get(), nextId));
                }
                for (CelMutableExpr arg : call.args()) {
                    problem = first(problem, rewrite(arg, nextId));
                }
            }
            case SELECT -> problem = rewrite(expr.select().operand(), nextId);
            case LIST -> {
                for (CelMutableExpr element : expr.list().elements()) {
                    problem = first(problem, rewrite(element, nextId));
                }
            }
            case MAP -> {
                for (CelMutableExpr.CelMutableMap.Entry e : expr.map().entries()) {
                    problem = first(problem, rewrite(e.key(), nextId));
                    problem = first(problem, rewrite(e.value(), nextId));
                }
            }
            case STRUCT -> {
                CelMutableExpr.CelMutableStruct struct = expr.struct();
                for (CelMutableExpr.CelMutableStruct.Entry e : struct.entries()) {
                    problem = first(problem, rewrite(e.value(), nextId));
                }
                String type = struct.messageName().startsWith(".") ? struct.messageName().substring(1)
                        : struct.messageName();
                if (constructible(type)) {
                    problem = first(problem, construct(expr, type, struct, nextId));
                }
            }
            case COMPREHENSION -> {
                CelMutableExpr.CelMutableComprehension c = expr.comprehension();
                for (CelMutableExpr part : List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(),
                        c.result())) {
                    problem = first(problem, rewrite(part, nextId));
                }
            }
            default -> {
            }
        }
        return problem;
    }

    private static String construct(CelMutableExpr expr, String type, CelMutableExpr.CelMutableStruct struct,
            long[] nextId) {
        List<CelMutableExpr.CelMutableMap.Entry> entries = new ArrayList<>();
        for (CelMutableExpr.CelMutableStruct.Entry e : struct.entries()) {
            if (type.equals("JSONPatch") && !JSON_PATCH_FIELDS.contains(e.fieldKey())) {
                return "undefined field '" + e.fieldKey() + "' of JSONPatch";
            }
            CelMutableExpr key = CelMutableExpr.ofConstant(nextId[0]++, CelConstant.ofValue(e.fieldKey()));
            CelMutableExpr value = e.optionalEntry() ? e.value()
                    : CelMutableExpr.ofCall(nextId[0]++, CelMutableExpr.CelMutableCall.create("dyn", e.value()));
            entries.add(CelMutableExpr.CelMutableMap.Entry.create(nextId[0]++, key, value, e.optionalEntry()));
        }
        CelMutableExpr name = CelMutableExpr.ofConstant(nextId[0]++, CelConstant.ofValue(type));
        CelMutableExpr fields = CelMutableExpr.ofMap(nextId[0]++, CelMutableExpr.CelMutableMap.create(entries));
        expr.setCall(CelMutableExpr.CelMutableCall.create(CONSTRUCT, name, fields));
        return null;
    }

    private static long maxId(CelMutableExpr expr) {
        long max = expr.id();
        switch (expr.getKind()) {
            case CALL -> {
                CelMutableExpr.CelMutableCall call = expr.call();
                if (call.target().isPresent()) {
                    max = Math.max(max, maxId(call.target().get()));
                }
                for (CelMutableExpr arg : call.args()) {
                    max = Math.max(max, maxId(arg));
                }
            }
            case SELECT -> max = Math.max(max, maxId(expr.select().operand()));
            case LIST -> {
                for (CelMutableExpr element : expr.list().elements()) {
                    max = Math.max(max, maxId(element));
                }
            }
            case MAP -> {
                for (CelMutableExpr.CelMutableMap.Entry e : expr.map().entries()) {
                    max = Math.max(max, Math.max(e.id(), Math.max(maxId(e.key()), maxId(e.value()))));
                }
            }
            case STRUCT -> {
                for (CelMutableExpr.CelMutableStruct.Entry e : expr.struct().entries()) {
                    max = Math.max(max, Math.max(e.id(), maxId(e.value())));
                }
            }
            case COMPREHENSION -> {
                CelMutableExpr.CelMutableComprehension c = expr.comprehension();
                for (CelMutableExpr part : List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(),
                        c.result())) {
                    max = Math.max(max, maxId(part));
                }
            }
            default -> {
            }
        }
        return max;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static ConstructedObject construct(String type, Map<?, ?> fields)
            throws dev.cel.runtime.CelEvaluationException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String field = String.valueOf(e.getKey());
            Object value = e.getValue() instanceof java.util.Optional<?> o ? o.orElse(null) : e.getValue();
            if (type.equals("JSONPatch") && !field.equals("value") && !(value instanceof String)) {
                throw error("unexpected type %s for JSONPatchType '%s' field",
                        value == null ? "null" : value.getClass().getSimpleName(), field);
            }
            out.put(field, value);
        }
        return new ConstructedObject(type, out);
    }
}

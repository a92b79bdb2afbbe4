package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.util.Map;
import java.util.Optional;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelParserBuilder;
import dev.cel.runtime.CelFunctionBinding;

/**
 * cel-go's presence semantics on {@code null}, which Kubernetes and Kyverno have: {@code has(x.f)} is false and
 * {@code x.?f} is {@code optional.none()} when {@code x} is null (for example a pod template whose
 * {@code metadata:} is empty), where cel-java would fail. A {@code has} macro rewrites {@code has(x.f)} into
 * {@code __has_field__(x, 'f')}; optional selections are rewritten into {@code __opt_select__(x, 'f')} after
 * parsing ({@link #rewriteOptionalSelects}).
 */
final class NullSafeSelectLibrary extends FunctionLibrary {

    static final String HAS_FIELD = "__has_field__";
    static final String OPT_SELECT = "__opt_select__";
    private static final String OPTIONAL_SELECT = "_?._";

    NullSafeSelectLibrary() {
        function(HAS_FIELD, newGlobalOverload("__has_field___dyn_string", SimpleType.BOOL, SimpleType.DYN,
                SimpleType.STRING),
                CelFunctionBinding.from("__has_field___dyn_string", Object.class, String.class,
                        NullSafeSelectLibrary::hasField));
        function(OPT_SELECT, newGlobalOverload("__opt_select___dyn_string",
                OptionalType.create(SimpleType.DYN), SimpleType.DYN, SimpleType.STRING),
                CelFunctionBinding.from("__opt_select___dyn_string", Object.class, String.class,
                        NullSafeSelectLibrary::selectOptional));
    }

    /**
     * Rewrites every optional selection {@code x.?f} of a parsed expression into {@code __opt_select__(x, 'f')}
     * (cel-java's interpreter handles {@code _?._} itself and rejects a null operand).
     */
    static void rewriteOptionalSelects(CelMutableExpr expr) {
        switch (expr.getKind()) {
            case CALL -> {
                CelMutableExpr.CelMutableCall call = expr.call();
                if (call.function().equals(OPTIONAL_SELECT) && call.args().size() == 2 && call.target().isEmpty()) {
                    call.setFunction(OPT_SELECT);
                }
                call.target().ifPresent(NullSafeSelectLibrary::rewriteOptionalSelects);
                call.args().forEach(NullSafeSelectLibrary::rewriteOptionalSelects);
            }
            case SELECT -> rewriteOptionalSelects(expr.select().operand());
            case LIST -> expr.list().elements().forEach(NullSafeSelectLibrary::rewriteOptionalSelects);
            case MAP -> expr.map().entries().forEach(e -> {
                rewriteOptionalSelects(e.key());
                rewriteOptionalSelects(e.value());
            });
            case STRUCT -> expr.struct().entries().forEach(e -> rewriteOptionalSelects(e.value()));
            case COMPREHENSION -> {
                CelMutableExpr.CelMutableComprehension c = expr.comprehension();
                rewriteOptionalSelects(c.iterRange());
                rewriteOptionalSelects(c.accuInit());
                rewriteOptionalSelects(c.loopCondition());
                rewriteOptionalSelects(c.loopStep());
                rewriteOptionalSelects(c.result());
            }
            default -> {
            }
        }
    }

    private static Optional<Object> selectOptional(Object target, String field)
            throws dev.cel.runtime.CelEvaluationException {
        if (target instanceof Optional<?> optional) {
            return optional.isEmpty() ? Optional.empty() : selectOptional(optional.get(), field);
        }
        if (target instanceof Map<?, ?> map) {
            return map.containsKey(field) ? Optional.ofNullable(map.get(field)) : Optional.empty();
        }
        if (target instanceof NullValue) {
            return Optional.empty();
        }
        throw error("invalid type for field selection: .?%s needs a map or an object, got %s", field,
                target.getClass().getSimpleName());
    }

    private static boolean hasField(Object target, String field) throws dev.cel.runtime.CelEvaluationException {
        if (target instanceof Optional<?> optional) {
            return optional.isPresent() && hasField(optional.get(), field);
        }
        if (target instanceof Map<?, ?> map) {
            return map.containsKey(field);
        }
        if (target instanceof NullValue) {
            return false;
        }
        throw error("invalid type for field selection: has() needs a map or an object, got %s",
                target.getClass().getSimpleName());
    }

    @Override
    public void setParserOptions(CelParserBuilder parserBuilder) {
        parserBuilder.addMacros(CelMacro.newGlobalMacro("has", 1, (factory, target, args) -> {
            CelExpr arg = args.get(0);
            if (arg.exprKind().getKind() != CelExpr.ExprKind.Kind.SELECT || arg.select().testOnly()) {
                return Optional.of(factory.reportError("invalid argument to has() macro"));
            }
            return Optional.of(factory.newGlobalCall(HAS_FIELD, arg.select().operand(),
                    factory.newStringLiteral(arg.select().field())));
        }));
    }
}

package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.google.common.collect.ImmutableList;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.ListType;
import dev.cel.common.types.TypeParamType;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import dev.cel.parser.CelParserBuilder;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * The lists extension's {@code sortBy(e, key)} macro as cel-go has it (ext/lists.go, version 2 and later):
 * {@code list.sortBy(e, key)} binds the list once, maps it to keys and orders it by them, so that the result has
 * the list's own type ({@code [3, 1, 2].sortBy(x, -x) == [3, 2, 1]}). cel-java's macro types it as a list of
 * key-value pairs, which rejects such comparisons, so Guidepost leaves that macro out and declares this one.
 * Keys must be comparable and all of the first key's type, as in cel-go; equal keys keep their order.
 */
final class SortByLibrary extends FunctionLibrary {

    static final String FUNCTION = "@sortByAssociatedKeys";
    private static final String INPUT = "@__sortBy_input__";

    SortByLibrary() {
        TypeParamType t = TypeParamType.create("T");
        TypeParamType k = TypeParamType.create("K");
        function(FUNCTION, newMemberOverload("list_@sortByAssociatedKeys_list", ListType.create(t),
                ListType.create(t), ListType.create(k)),
                CelFunctionBinding.from("list_@sortByAssociatedKeys_list", List.class, List.class,
                        SortByLibrary::sortByKeys));
    }

    @Override
    public void setParserOptions(CelParserBuilder parserBuilder) {
        parserBuilder.addMacros(CelMacro.newReceiverMacro("sortBy", 2, SortByLibrary::expand));
    }

    /** {@code target.sortBy(e, key)} → bind input = target in input.@sortByAssociatedKeys(input.map(e, key)). */
    private static Optional<CelExpr> expand(CelMacroExprFactory factory, CelExpr target,
            ImmutableList<CelExpr> arguments) {
        CelExpr variable = arguments.get(0);
        if (variable.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return Optional.of(factory.reportError("sortBy(var, ...) variable name must be a simple identifier"));
        }
        String accumulator = factory.getAccumulatorVarName();
        CelExpr keys = factory.fold(variable.ident().name(), factory.newIdentifier(INPUT), accumulator,
                factory.newList(), factory.newBoolLiteral(true),
                factory.newGlobalCall("_+_", factory.newIdentifier(accumulator),
                        factory.newList(arguments.get(1))),
                factory.newIdentifier(accumulator));
        CelExpr sorted = factory.newReceiverCall(FUNCTION, factory.newIdentifier(INPUT), keys);
        return Optional.of(factory.fold("#unused", factory.newList(), INPUT, target, factory.newBoolLiteral(false),
                factory.newIdentifier(INPUT), sorted));
    }

    private static List<Object> sortByKeys(List<?> list, List<?> keys) throws CelEvaluationException {
        if (list.isEmpty()) {
            return List.of();
        }
        Object first = keys.get(0);
        if (!ValueOrder.isComparable(first)) {
            throw error("list elements must be comparable");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (keys.get(i) == null || keys.get(i).getClass() != first.getClass()) {
                throw error("list elements must have the same type");
            }
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> keys.get(i), ValueOrder::compare));
        List<Object> sorted = new ArrayList<>(list.size());
        order.forEach(i -> sorted.add(list.get(i)));
        return sorted;
    }
}

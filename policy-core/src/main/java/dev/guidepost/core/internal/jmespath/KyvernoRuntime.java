package dev.guidepost.core.internal.jmespath;

import io.burt.jmespath.Expression;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.jcf.JcfRuntime;
import io.burt.jmespath.node.CreateObjectNode;
import io.burt.jmespath.node.ExpressionReferenceNode;
import io.burt.jmespath.node.FlattenArrayNode;
import io.burt.jmespath.node.FlattenObjectNode;
import io.burt.jmespath.node.Node;
import io.burt.jmespath.node.NodeFactory;
import io.burt.jmespath.node.Operator;
import io.burt.jmespath.node.ProjectionNode;
import io.burt.jmespath.node.SelectionNode;
import io.burt.jmespath.node.SliceNode;
import io.burt.jmespath.node.StandardNodeFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.internal.golang.GoValues;

/**
 * The Java Collections runtime with Kyverno's interpreter semantics (pkg/engine/jmespath/interpreter.go):
 * <ul>
 *   <li>every number is a Double, as Go's float64;</li>
 *   <li>a field missing from an object raises {@code Unknown key "x" in path}; the error travels up through
 *       sub-expressions, index expressions and the right side of {@code &&}, and is swallowed (the value becomes
 *       null) by projections, filters, flattening, {@code ||}, {@code !}, comparisons, function arguments,
 *       multi-selects and pipes;</li>
 *   <li>{@code ==} is deep equality of JSON values; ordering comparisons need two numbers, else null.</li>
 * </ul>
 */
final class KyvernoRuntime extends JcfRuntime {

    private final NodeFactory<Object> nodes = new KyvernoNodes(this);

    KyvernoRuntime(RuntimeConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Object createNumber(long n) {
        return (double) n;
    }

    @Override
    public NodeFactory<Object> nodeFactory() {
        return nodes;
    }

    static boolean unknownKey(RuntimeException e) {
        return e instanceof JmesPathException j && j.isUnknownKey();
    }

    /** Evaluates, turning an {@code Unknown key} error into null. */
    static Expression<Object> swallowing(Expression<Object> expression) {
        if (expression instanceof Swallowing) {
            return expression;
        }
        return new Swallowing(expression);
    }

    private record Swallowing(Expression<Object> expression) implements Expression<Object> {
        @Override
        public Object search(Object input) {
            try {
                return expression.search(input);
            } catch (JmesPathException e) {
                if (e.isUnknownKey()) {
                    return null;
                }
                throw e;
            }
        }
    }

    private static final class KyvernoNodes extends StandardNodeFactory<Object> {

        private final KyvernoRuntime runtime;

        KyvernoNodes(KyvernoRuntime runtime) {
            super(runtime);
            this.runtime = runtime;
        }

        @Override
        public Node<Object> createProperty(String name) {
            return new Simple(runtime, "Property(" + name + ")", input -> {
                if (input instanceof Map<?, ?> map) {
                    if (map.containsKey(name)) {
                        return map.get(name);
                    }
                    throw JmesPathException.unknownKey(name);
                }
                return null;
            });
        }

        /**
         * A chain ending in a flatten ({@code x[]}) is, as in go-jmespath, a projection of the flattened list that
         * keeps no nulls: {@code [null, a, [b]][]} is {@code [a, b]}.
         */
        @Override
        public Node<Object> createSequence(List<Node<Object>> sequence) {
            if (!sequence.isEmpty() && sequence.get(sequence.size() - 1) instanceof FlattenArrayNode) {
                List<Node<Object>> projected = new ArrayList<>(sequence);
                projected.add(createProjection(createCurrent()));
                return new Chain(runtime, List.copyOf(projected));
            }
            return new Chain(runtime, List.copyOf(sequence));
        }

        @Override
        public Node<Object> createProjection(Expression<Object> expression) {
            return super.createProjection(swallowing(expression));
        }

        @Override
        public Node<Object> createSelection(Expression<Object> test) {
            return super.createSelection(swallowing(test));
        }

        @Override
        public Node<Object> createComparison(Operator operator, Expression<Object> left, Expression<Object> right) {
            Expression<Object> l = swallowing(left);
            Expression<Object> r = swallowing(right);
            return new Simple(runtime, "Comparison(" + operator + ")", input -> {
                Object a = l.search(input);
                Object b = r.search(input);
                switch (operator) {
                    case EQUALS:
                        return GoValues.deepEqual(a, b);
                    case NOT_EQUALS:
                        return !GoValues.deepEqual(a, b);
                    default:
                        break;
                }
                if (!(a instanceof Number x) || !(b instanceof Number y)) {
                    return null;
                }
                double p = x.doubleValue();
                double q = y.doubleValue();
                return switch (operator) {
                    case GREATER_THAN -> p > q;
                    case GREATER_THAN_OR_EQUALS -> p >= q;
                    case LESS_THAN -> p < q;
                    default -> p <= q;
                };
            });
        }

        @Override
        public Node<Object> createOr(Expression<Object> left, Expression<Object> right) {
            Expression<Object> l = swallowing(left);
            Expression<Object> r = swallowing(right);
            return new Simple(runtime, "Or", input -> {
                Object value = l.search(input);
                return runtime.isTruthy(value) ? value : r.search(input);
            });
        }

        @Override
        public Node<Object> createAnd(Expression<Object> left, Expression<Object> right) {
            Expression<Object> l = swallowing(left);
            return new Simple(runtime, "And", input -> {
                Object value = l.search(input);
                return runtime.isTruthy(value) ? right.search(input) : value;
            });
        }

        @Override
        public Node<Object> createNegate(Expression<Object> negated) {
            return super.createNegate(swallowing(negated));
        }

        @Override
        public Node<Object> createFunctionCall(String name, List<? extends Expression<Object>> args) {
            return super.createFunctionCall(name, arguments(args));
        }

        @Override
        public Node<Object> createFunctionCall(io.burt.jmespath.function.Function function,
                List<? extends Expression<Object>> args) {
            return super.createFunctionCall(function, arguments(args));
        }

        private static List<Expression<Object>> arguments(List<? extends Expression<Object>> args) {
            List<Expression<Object>> out = new ArrayList<>(args.size());
            for (Expression<Object> arg : args) {
                out.add(arg instanceof ExpressionReferenceNode ? arg : swallowing(arg));
            }
            return out;
        }

        @Override
        public Node<Object> createExpressionReference(Expression<Object> expression) {
            return super.createExpressionReference(swallowing(expression));
        }

        @Override
        public Node<Object> createCreateArray(List<? extends Expression<Object>> items) {
            List<Expression<Object>> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(swallowing(item)));
            return super.createCreateArray(out);
        }

        @Override
        public Node<Object> createCreateObject(List<CreateObjectNode.Entry<Object>> entries) {
            List<CreateObjectNode.Entry<Object>> out = new ArrayList<>(entries.size());
            for (CreateObjectNode.Entry<Object> entry : entries) {
                out.add(new CreateObjectNode.Entry<>(EntryAccess.key(entry), swallowing(EntryAccess.value(entry))));
            }
            return super.createCreateObject(out);
        }
    }

    /** The parser's object entries keep their key and value protected; read them reflectively. */
    private static final class EntryAccess {
        private static final Method KEY;
        private static final Method VALUE;

        static {
            try {
                KEY = CreateObjectNode.Entry.class.getDeclaredMethod("key");
                VALUE = CreateObjectNode.Entry.class.getDeclaredMethod("value");
                KEY.setAccessible(true);
                VALUE.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static String key(CreateObjectNode.Entry<Object> entry) {
            try {
                return (String) KEY.invoke(entry);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static Expression<Object> value(CreateObjectNode.Entry<Object> entry) {
            try {
                return (Expression<Object>) VALUE.invoke(entry);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A sub-expression chain; an unknown key is swallowed when a projection follows it in the chain. */
    private static final class Chain extends Node<Object> {
        private final List<Node<Object>> nodes;

        Chain(KyvernoRuntime runtime, List<Node<Object>> nodes) {
            super(runtime);
            this.nodes = nodes;
        }

        @Override
        public Object search(Object input) {
            Object value = input;
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    value = nodes.get(i).search(value);
                } catch (JmesPathException e) {
                    if (e.isUnknownKey() && projects(nodes.subList(i + 1, nodes.size()))) {
                        // the projection that follows takes this chain as its left side and swallows the error
                        return null;
                    }
                    throw e;
                }
            }
            return value;
        }

        private static boolean projects(List<Node<Object>> rest) {
            for (Node<Object> node : rest) {
                if (node instanceof ProjectionNode || node instanceof SelectionNode || node instanceof SliceNode
                        || node instanceof FlattenArrayNode || node instanceof FlattenObjectNode
                        || node instanceof Chain chain && projects(chain.nodes)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected String internalToString() {
            return "Chain" + nodes;
        }

        @Override
        protected boolean internalEquals(Object o) {
            return o instanceof Chain c && c.nodes.equals(nodes);
        }

        @Override
        protected int internalHashCode() {
            return nodes.hashCode();
        }
    }

    /** A node whose behaviour is a function of its input. */
    private static final class Simple extends Node<Object> {
        private final String description;
        private final java.util.function.Function<Object, Object> body;

        Simple(KyvernoRuntime runtime, String description, java.util.function.Function<Object, Object> body) {
            super(runtime);
            this.description = description;
            this.body = body;
        }

        @Override
        public Object search(Object input) {
            return body.apply(input);
        }

        @Override
        protected String internalToString() {
            return description;
        }

        @Override
        protected boolean internalEquals(Object o) {
            return this == o;
        }

        @Override
        protected int internalHashCode() {
            return System.identityHashCode(this);
        }
    }
}

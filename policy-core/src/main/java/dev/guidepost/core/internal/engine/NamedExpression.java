package dev.guidepost.core.internal.engine;

import dev.guidepost.core.internal.cel.CelExpression;

/** A compiled expression with the name it has in the policy (a match condition, an audit annotation, ...). */
record NamedExpression(String name, CelExpression expression) {
}

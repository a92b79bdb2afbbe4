package dev.guidepost.core.internal.engine;

import dev.guidepost.core.internal.cel.CelExpression;

/**
 * One compiled validation: the expression that must be true, and the message (or message expression) shown
 * when it is false.
 *
 * @param expression        the validation
 * @param message           the literal message (may be empty)
 * @param messageExpression the message expression (may be null)
 */
record ValidationProgram(CelExpression expression, String message, CelExpression messageExpression) {
}

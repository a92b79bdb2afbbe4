package dev.guidepost.maven;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Refuses a switch set to a word other than true or false: Maven reads {@code -Dpolicy.failOnViolation=maybe} (or
 * {@code yes}, {@code 1}, a typo such as {@code ture}) as false without a word, which turns a check off unnoticed.
 */
final class BooleanSettings {

    private BooleanSettings() {
    }

    /**
     * The first switch whose value, as the POM or a property gives it, is not true or false.
     *
     * @param parameters    the goal's parameters
     * @param configuration the execution's configuration, where a parameter holds its POM value or its expression
     *                      ({@code ${policy.failOnViolation}})
     * @param property      a property's value as the build sees it (user, then system, then project properties), or
     *                      null
     */
    static Optional<String> problem(List<Parameter> parameters, Xpp3Dom configuration, UnaryOperator<String> property) {
        if (parameters == null || configuration == null) {
            return Optional.empty();
        }
        for (Parameter parameter : parameters) {
            if (!"boolean".equals(parameter.getType()) && !"java.lang.Boolean".equals(parameter.getType())) {
                continue;
            }
            Xpp3Dom child = configuration.getChild(parameter.getName());
            String written = child == null ? null : child.getValue();
            if (written == null) {
                continue;
            }
            String name = null;
            String value = written.strip();
            if (value.startsWith("${") && value.endsWith("}") && value.indexOf("${", 2) < 0) {
                name = value.substring(2, value.length() - 1);
                value = property.apply(name);
            } else if (value.contains("${")) {
                continue; // an expression Maven resolves itself
            }
            if (value == null) {
                continue;
            }
            String word = value.strip().toLowerCase(Locale.ROOT);
            if (!word.equals("true") && !word.equals("false")) {
                return Optional.of("<" + parameter.getName() + ">" + (name == null ? "" : " (-D" + name + ")")
                        + " is '" + value + "', which Maven would read as false; write true or false");
            }
        }
        return Optional.empty();
    }
}

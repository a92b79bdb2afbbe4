package dev.guidepost.core.internal.report;

import java.util.List;

import dev.guidepost.core.ManifestProblem;
import dev.guidepost.core.Outcome;
import dev.guidepost.core.Report;
import dev.guidepost.core.ReportOptions;
import dev.guidepost.core.Result;
import dev.guidepost.core.Verdict;

/**
 * JUnit XML (the Surefire form CI servers read): one {@code <testsuite name="guidepost">} with one test case per
 * manifest and policy rule result, in the report's order. Violations that fail the check are failures ({@code <error>}
 * when the policy could not be evaluated); skips, Audit and Warn findings that do not fail it and violations known to
 * the baseline are skipped, with the reason; unreadable manifests are errors.
 * Class names are the manifests' project-relative paths. No times or host names, so the same check gives the same
 * file.
 */
public final class JunitReport {

    /** The suite's name. */
    public static final String SUITE = "guidepost";

    private JunitReport() {
    }

    /** Renders the report. */
    public static String render(Report report, ReportOptions options) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        Verdict verdict = options.verdict(report);
        for (Result r : report.results()) {
            tests++;
            String file = options.displayPath(r.location().file());
            String name = r.resource() + " " + r.policyId() + (r.rule().isEmpty() ? "" : "/" + r.rule());
            cases.append("  <testcase classname=\"").append(attr(file)).append("\" name=\"").append(attr(name))
                    .append("\" file=\"").append(attr(file)).append('"');
            if (r.location().line() > 0) {
                cases.append(" line=\"").append(r.location().line()).append('"');
            }
            cases.append(" time=\"0\"");
            boolean known = options.baseline().contains(r);
            if (r.outcome() == Outcome.PASS) {
                cases.append("/>\n");
                continue;
            }
            cases.append(">\n");
            if (r.outcome() == Outcome.SKIP) {
                skipped++;
                cases.append("    <skipped message=\"").append(attr(r.message())).append("\"/>\n");
            } else if (known) {
                skipped++;
                cases.append("    <skipped message=\"").append(attr("known violation (baseline): " + r.message()))
                        .append("\"/>\n");
            } else if (verdict.tolerated().contains(r)) {
                // an Audit or Warn finding does not fail the check, so it is not a failed test either
                skipped++;
                cases.append("    <skipped message=\"").append(attr(r.action().label() + " finding, does not fail the"
                        + " check: " + r.message())).append("\"/>\n");
            } else if (r.outcome() == Outcome.ERROR) {
                errors++;
                cases.append("    <error message=\"").append(attr(r.message())).append("\" type=\"")
                        .append(attr(type(r))).append("\">").append(text(details(r, file))).append("</error>\n");
            } else {
                failures++;
                cases.append("    <failure message=\"").append(attr(r.message())).append("\" type=\"")
                        .append(attr(type(r))).append("\">").append(text(details(r, file))).append("</failure>\n");
            }
            cases.append("  </testcase>\n");
        }
        List<ManifestProblem> unreadable = report.unreadable();
        for (ManifestProblem p : unreadable) {
            tests++;
            errors++;
            String file = options.displayPath(p.location().file());
            cases.append("  <testcase classname=\"").append(attr(file)).append("\" name=\"readable\" file=\"")
                    .append(attr(file)).append('"');
            if (p.location().line() > 0) {
                cases.append(" line=\"").append(p.location().line()).append('"');
            }
            String message = options.displayMessage(p.message());
            cases.append(" time=\"0\">\n    <error message=\"").append(attr(message)).append("\" type=\"")
                    .append(attr(p.type().label())).append("\">")
                    .append(text(options.display(p.location()) + ": " + message)).append("</error>\n")
                    .append("  </testcase>\n");
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"").append(SUITE).append("\" tests=\"").append(tests).append("\" failures=\"")
                .append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
                .append("\" time=\"0\">\n");
        out.append("  <properties>\n");
        property(out, "summary", report.summary());
        property(out, "verdict", options.verdict(report).describe());
        out.append("  </properties>\n");
        out.append(cases);
        out.append("</testsuite>\n");
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("    <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value))
                .append("\"/>\n");
    }

    private static String type(Result r) {
        return r.action().label() + "/" + r.severity().label();
    }

    private static String details(Result r, String file) {
        StringBuilder out = new StringBuilder();
        out.append(file);
        if (r.location().line() > 0) {
            out.append(':').append(r.location().line());
        }
        out.append("  ").append(r.resource()).append('\n')
                .append("policy:  ").append(r.policyId()).append(" — ").append(r.policyTitle()).append(" [")
                .append(r.severity().label()).append(", ").append(r.action().label()).append("]\n")
                .append("message: ").append(r.message()).append('\n');
        if (!r.remediation().isEmpty()) {
            out.append("fix:     ").append(r.remediation()).append('\n');
        }
        return out.toString();
    }

    /** Escapes text for an XML attribute; drops characters XML 1.0 cannot hold. */
    static String attr(String s) {
        return escape(s, true);
    }

    /** Escapes text for XML element content. */
    static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append(attribute ? "&#13;" : "\r");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean legal = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000;
                    if (legal) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}

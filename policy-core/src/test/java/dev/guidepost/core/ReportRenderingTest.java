package dev.guidepost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The public rendering API adapters use: {@link ReportFormat#render(Report, boolean)} and the test report JSON. */
class ReportRenderingTest {

    private static final Report REPORT = new Report(List.of(new Result("no-latest", "Pinned images", "",
            Severity.MEDIUM, Action.ENFORCE, Outcome.FAIL, "pin nginx:latest", "use a version",
            new ResourceRef("v1", "Pod", "shop", "web"), SourceLocation.of("pod.yaml", 3))), List.of(), List.of(),
            List.of(), 1, 1);

    @Test
    void textIsColouredOnlyWhenAsked() {
        assertThat(ReportFormat.TEXT.render(REPORT, true)).contains("\u001b[").contains("pod.yaml:3");
        assertThat(ReportFormat.TEXT.render(REPORT, false)).doesNotContain("\u001b[")
                .isEqualTo(ReportFormat.TEXT.render(REPORT));
    }

    @Test
    void colourIsIgnoredByOtherFormats() {
        assertThat(ReportFormat.JSON.render(REPORT, true)).isEqualTo(ReportFormat.JSON.render(REPORT))
                .doesNotContain("\u001b[");
    }

    @Test
    void kyvernoTestReportAsJson() {
        KyvernoTestReport report = new KyvernoTestReport(List.of(new ExpectationResult("kyverno-test.yaml", "t1",
                "no-latest", "rule", "Pod", "shop/web", "fail", "fail", ExpectationResult.Status.PASSED, "",
                "ClusterPolicy")), List.of("broken-test.yaml:1: no policies"));
        String json = report.toJson();
        assertThat(json).contains("\"results\"", "\"policy\": \"no-latest\"", "\"status\": \"passed\"",
                "\"problems\"", "broken-test.yaml:1: no policies", "\"summary\": \"1 passed, 0 failed, 0 skipped, 1 error\"");
    }

    @Test
    void violationsThatBlockADeployComeFirstThenTheAdviceEachInReportOrder() {
        ResourceRef job = new ResourceRef("batch/v1", "Job", "shop", "report");
        Report report = new Report(List.of(
                new Result("require-limits", "Limits", "", Severity.MEDIUM, Action.AUDIT, Outcome.FAIL,
                        "set limits", "", job, SourceLocation.of("job.yaml", 1)),
                new Result("require-probes", "Probes", "", Severity.LOW, Action.WARN, Outcome.FAIL,
                        "add probes", "", job, SourceLocation.of("job.yaml", 1)),
                new Result("restrict-jobs", "No Jobs", "", Severity.HIGH, Action.ENFORCE, Outcome.FAIL,
                        "Jobs are not allowed", "", job, SourceLocation.of("job.yaml", 1))),
                List.of(), List.of(), List.of(), 1, 3);

        String text = ReportFormat.TEXT.render(report);
        List<String> console = ConsoleReport.entries(report, ReportOptions.defaults()).stream()
                .map(ConsoleReport.Entry::text).toList();

        assertThat(text.indexOf("restrict-jobs")).isLessThan(text.indexOf("require-limits"));
        assertThat(text.indexOf("require-limits")).isLessThan(text.indexOf("require-probes"));
        assertThat(console.get(0)).contains("restrict-jobs");
        assertThat(console.get(1)).contains("require-limits");
        assertThat(console.get(2)).contains("require-probes");
    }
}

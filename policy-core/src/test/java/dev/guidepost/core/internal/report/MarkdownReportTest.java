package dev.guidepost.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Running text in the Markdown report renders as written. */
class MarkdownReportTest {

    @Test
    void anEntityOrMarkupInTextRendersAsWrittenNotAsWhatItEncodes() {
        assertThat(MarkdownReport.escape("R&amp;D <b>x</b> a|b *c*")).isEqualTo(
                "R&amp;amp;D &lt;b&gt;x&lt;/b&gt; a\\|b \\*c\\*");
    }
}

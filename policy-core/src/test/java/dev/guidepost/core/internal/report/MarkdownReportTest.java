package dev.guidepost.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Running text in the Markdown report renders as written. */
class MarkdownReportTest {

    @Test
    void anEntityOrMarkupInTextRendersAsWrittenNotAsWhatItEncodes() {
        assertThat(MarkdownReport.escape("R&amp;D <b>x</b> a|b *c*")).isEqualTo(
                "R&amp;amp;D &lt;b&gt;x&lt;/b&gt; a\\|b \\*c\\*");
        assertThat(MarkdownReport.escape("![p](https://example.test/p.png) ~~old~~")).isEqualTo(
                "!\\[p\\](https://example.test/p.png) \\~\\~old\\~\\~");
    }

    @Test
    void bidirectionalMarksAndLineSeparatorsShowEscapedSoTheyCannotReorderOrSplitTheText() {
        assertThat(MarkdownReport.escape("admin\u202Etxt.exe\u2028x")).isEqualTo("admin\\u202etxt.exe\\u2028x");
    }
}

package dev.guidepost.cli.render;

import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Kubernetes objects and policy documents (plain maps) as block-style YAML, ready to copy into a file. */
public final class YamlText {

    private YamlText() {
    }

    /** Block-style YAML with two-space indents, ending with a newline. */
    public static String of(Map<String, ?> object) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setPrettyFlow(false); // empty lists and maps stay [] and {} on one line
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options).dump(object);
    }
}

package dev.guidepost.core.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.Manifest;

/**
 * Kyverno PolicyExceptions among the manifests a check reads, rather than in the pack: the check does not apply them
 * (the cluster applies an exception once it exists, where its Kyverno allows exceptions), so a violation one of them
 * would exempt says so, instead of leaving the reader to wonder why the exception written beside it did nothing.
 * Immutable.
 */
public final class ManifestExceptions {

    private final List<ClassicExceptionProgram> classic;
    private final List<PolicyExceptionProgram> cel;
    /** Each exception's name, as exemptions name it, and the exception as a reader finds it among the manifests. */
    private final Map<String, String> shown;

    private ManifestExceptions(List<ClassicExceptionProgram> classic, List<PolicyExceptionProgram> cel,
            Map<String, String> shown) {
        this.classic = List.copyOf(classic);
        this.cel = List.copyOf(cel);
        this.shown = Map.copyOf(shown);
    }

    /** The PolicyExceptions among the manifests ({@code kyverno.io} and {@code policies.kyverno.io}). */
    public static ManifestExceptions of(List<Manifest> manifests) {
        List<ClassicExceptionProgram> classic = new ArrayList<>();
        List<PolicyExceptionProgram> cel = new ArrayList<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            if (!manifest.kind().equals("PolicyException")) {
                continue;
            }
            String apiVersion = manifest.apiVersion();
            if (apiVersion.startsWith("kyverno.io/")) {
                classic.add(ClassicExceptionProgram.of(manifest.object()));
            } else if (apiVersion.startsWith("policies.kyverno.io/")) {
                try {
                    cel.add(PolicyExceptionProgram.compile(manifest.object()));
                } catch (PolicyCompileException e) {
                    continue; // an exception the cluster would refuse exempts nothing
                }
            } else {
                continue;
            }
            shown.put(manifest.name(), manifest.resource().toString());
        }
        return new ManifestExceptions(classic, cel, shown);
    }

    /** True when the manifests hold none. */
    public boolean isEmpty() {
        return shown.isEmpty();
    }

    /** The context with these exceptions in force as well as its own: what the check would say with them. */
    public EvaluationContext addTo(EvaluationContext context) {
        return context.withMoreExceptions(cel, classic);
    }

    /** The exceptions among the manifests of these names (as exemptions name them), as a reader finds them. */
    public List<String> shown(Collection<String> names) {
        return names.stream().filter(shown::containsKey).map(shown::get).distinct().toList();
    }

    /** What a violation such exceptions would exempt adds to its message. */
    public static String note(List<String> exceptions) {
        return " [" + String.join(", ", exceptions) + " among the manifests checked would exempt it, but a check "
                + "applies only the pack's PolicyExceptions (the cluster applies one once it exists, where its "
                + "Kyverno allows exceptions): to have the check exempt this resource, add the exception to the pack]";
    }
}

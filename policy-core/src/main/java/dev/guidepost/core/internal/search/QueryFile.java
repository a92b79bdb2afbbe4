package dev.guidepost.core.internal.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guidepost.core.GuidepostException;
import dev.guidepost.core.LabelledQuery;
import dev.guidepost.core.SourceLocation;
import dev.guidepost.core.internal.pack.IdSimilarity;
import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocument;
import dev.guidepost.core.internal.yaml.YamlDocuments;

/** Reads a file of labelled retrieval queries ({@code queries: [{id, query, relevant, primary}]}). */
public final class QueryFile {

    private static final List<String> FIELDS = List.of("id", "query", "relevant", "primary");

    private QueryFile() {
    }

    /** The queries of a file, in file order. */
    public static List<LabelledQuery> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new GuidepostException("query file " + file + " does not exist");
        }
        List<YamlDocument> documents = YamlDocuments.read(file);
        if (documents.size() != 1 || documents.get(0).problem() != null) {
            String why = documents.isEmpty() ? "it is empty"
                    : documents.get(0).problem() != null ? documents.get(0).problem().message()
                    : "it holds several YAML documents";
            throw new GuidepostException(SourceLocation.of(file.toString()), "cannot read the query file: " + why);
        }
        YamlDocument document = documents.get(0);
        if (!(document.value() instanceof Map<?, ?> root) || !(root.get("queries") instanceof List<?> entries)) {
            throw new GuidepostException(SourceLocation.of(file.toString()),
                    "the query file needs a top-level 'queries:' list of {id, query, relevant, primary}");
        }
        if (entries.isEmpty()) {
            throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of("queries"))),
                    "the query file has no queries; add {id, query, relevant} entries under 'queries:'");
        }
        List<LabelledQuery> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (entry instanceof Map<?, ?> fields) {
                for (Object key : fields.keySet()) {
                    if (!FIELDS.contains(String.valueOf(key))) {
                        throw new GuidepostException(SourceLocation.of(file.toString(),
                                document.lineOf(List.of("queries", i, String.valueOf(key)))), "query #" + (i + 1)
                                        + ": unknown field '" + key + "'" + IdSimilarity.didYouMean(
                                                IdSimilarity.similar(FIELDS, String.valueOf(key)))
                                        + " (a query has " + String.join(", ", FIELDS) + ")");
                    }
                }
            }
            String id = PlainValues.string(entry, "id");
            String query = PlainValues.string(entry, "query");
            List<String> relevant = PlainValues.strings(entry, "relevant");
            Object primary = PlainValues.at(entry, "primary");
            if (id.isEmpty() || query.isEmpty() || relevant.isEmpty()) {
                throw new GuidepostException(SourceLocation.of(file.toString(), document.lineOf(List.of("queries", i))),
                        "query #" + (i + 1) + " needs an id, a query and at least one relevant policy id");
            }
            if (primary != null && !(primary instanceof Number n && n.intValue() >= 1 && n.doubleValue() == n.intValue()
                    && n.intValue() <= relevant.size())) {
                throw new GuidepostException(SourceLocation.of(file.toString(),
                        document.lineOf(List.of("queries", i, "primary"))), "query " + id + ": primary is '" + primary
                                + "'; it counts the leading relevant ids a search must find, a whole number from 1 to "
                                + relevant.size());
            }
            if (!ids.add(id)) {
                throw new GuidepostException(SourceLocation.of(file.toString(),
                        document.lineOf(List.of("queries", i, "id"))), "query id '" + id + "' is used twice; give each "
                                + "query its own id, so per-query results can be told apart");
            }
            out.add(new LabelledQuery(id, query, relevant, primary instanceof Number n ? n.intValue() : 1));
        }
        return out;
    }
}

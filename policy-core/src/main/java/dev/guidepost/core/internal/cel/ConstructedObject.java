package dev.guidepost.core.internal.cel;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value built by Kubernetes' mutation construction syntax, {@code Object.spec{...}} or {@code JSONPatch{...}}:
 * its type name and its fields (CEL values). It reads like a map in expressions (field selection, {@code has}),
 * and keeps its type name so that a mutation can check it the way the API server checks its {@code ObjectVal} and
 * {@code JSONPatchVal}.
 */
public final class ConstructedObject extends AbstractMap<String, Object> {

    private final String typeName;
    private final Map<String, Object> fields;

    ConstructedObject(String typeName, Map<String, Object> fields) {
        this.typeName = typeName;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The type name: {@code Object}, {@code Object.spec.containers}, ... or {@code JSONPatch}. */
    public String typeName() {
        return typeName;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConstructedObject o && o.typeName.equals(typeName) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return typeName.hashCode() * 31 + super.hashCode();
    }
}

package dev.guidepost.core.internal.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.guidepost.core.internal.yaml.PlainValues;

/**
 * Restricted {@code restrictedVolumes}: volumes must be configMap, csi, downwardAPI, emptyDir, ephemeral, image,
 * persistentVolumeClaim, projected or secret; any other source (hostPath included) is reported by its type.
 */
final class RestrictedVolumesCheck extends PodSecurityCheck {

    RestrictedVolumesCheck() {
        super("restrictedVolumes", PodSecurityLevel.RESTRICTED, List.of(0));
    }

    private static final Set<String> ALLOWED = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "image", "persistentVolumeClaim", "projected", "secret");
    /** The restricted sources in the order pod-security-admission tests them. */
    private static final List<String> RESTRICTED = List.of("hostPath", "gcePersistentDisk", "awsElasticBlockStore",
            "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc",
            "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO",
            "storageos");

    @Override
    CheckResult check(int version, PodView pod) {
        List<FieldError> errors = new ArrayList<>();
        List<Object> volumes = PlainValues.list(pod.spec(), "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> volume = PlainValues.map(volumes.get(i));
            if (ALLOWED.stream().anyMatch(k -> volume.get(k) != null)) {
                continue;
            }
            String type = RESTRICTED.stream().filter(k -> volume.get(k) != null).findFirst().orElse("unknown");
            errors.add(FieldError.forbidden("spec.volumes[" + i + "]." + type));
        }
        return errors.isEmpty() ? null : CheckResult.of(id(), "restricted volume types", errors);
    }
}

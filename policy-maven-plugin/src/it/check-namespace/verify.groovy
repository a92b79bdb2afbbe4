// A release rendered without namespaces is checked where it is installed (<namespace>), and a parent pom that only
// configures packs for its modules logs that it has no manifests instead of warning, while a pom project without
// modules (a deploy module whose <manifests> were forgotten) warns.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 4

assert runs[0].contains('NOT CHECKED src/main/k8s/web.yaml:2 Deployment/web shop-team-label')
assert runs[0].contains('BUILD SUCCESS')

assert runs[1].contains('FAIL src/main/k8s/web.yaml:2  Deployment/shop/web')
assert runs[1].contains('shop/web needs team=shop')
assert runs[1].contains('BUILD FAILURE')

assert runs[2].contains('[INFO] No manifests to check in this pom project')
assert !runs[2].contains('[WARNING] No manifests')
assert runs[2].contains('BUILD SUCCESS')

assert runs[3].contains('[WARNING] No manifests to check in src/main/k8s, src/main/kubernetes, k8s (none exists)')
assert runs[3].contains('BUILD SUCCESS')

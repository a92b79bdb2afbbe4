// A pack built as a jar (installed by the first invocation, with its search index) is used by another project as a
// plugin dependency, combined with a folder pack; its Enforce policy fails the build with the violation located;
// searching it uses the embeddings the jar ships (none is computed).
import java.util.zip.ZipFile

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 3
def packLog = runs[0]
assert packLog =~ /Wrote the search index of acme-security@[^ ]+ \(1 policy\) to target\/classes\/META-INF\/guidepost\/index\.json/
def jar = new File(localRepositoryPath, 'dev/guidepost/it/acme-pack/1.0/acme-pack-1.0.jar')
assert jar.isFile()
new ZipFile(jar).withCloseable { z ->
    def index = z.getEntry('META-INF/guidepost/index.json')
    assert index != null
    assert z.getInputStream(index).text.contains('disallow-privileged-containers')
}

def log = runs[1]
assert log.contains('Checking 1 file in src/main/k8s against acme-security@2.0.0+it-pack@1.0.0 (4 policies)')
assert log.contains('[ERROR] FAIL src/main/k8s/app.yaml:1  Deployment/shop/app')
assert log.contains('[ERROR]   policy:  disallow-privileged-containers — No privileged containers [critical, Enforce]')
assert log.contains('[ERROR]   fix:     Remove securityContext.privileged.')
assert log.contains('Guidepost policy check failed: 1 violation fails the check; see target/guidepost/report.md')

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/guidepost/report.sarif'))
assert sarif.runs[0].tool.driver.rules*.id.contains('disallow-privileged-containers')
assert sarif.runs[0].results*.ruleId == ['disallow-privileged-containers']
assert !log.contains('Search index')  // checking loads no embeddings

def search = runs[2]
assert search =~ /Search index of acme-security@2\.0\.0: (\d+) policy views: 0 from the store, \1 from pack jars. index\.json, 0 from the cache folder, 0 embedded now/
assert search.contains('[INFO] 1. disallow-privileged-containers  score ')
// every vector came from the pack jar's index.json, so no cache copy is written
def cache = new File(basedir, 'target/guidepost-cache')
assert !cache.exists() || cache.listFiles().findAll { it.name.endsWith('.json') }.isEmpty()
assert search.contains('BUILD SUCCESS')
return true

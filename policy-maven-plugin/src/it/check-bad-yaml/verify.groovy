// A file that is not valid YAML fails the build with a clear, located error; the other files are still checked
// and reported, and the reports are written.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/guidepost')

assert log =~ /\[ERROR\] UNREADABLE src\/main\/k8s\/configmap\.yaml:\d+/
assert log.contains('[ERROR]   invalid YAML')
assert log.contains('[WARNING] AUDIT src/main/k8s/worker.yaml:2  Deployment/shop/worker')
assert log.contains('[INFO] 2 manifests, 3 policies, 6 results: 5 passed, 1 failed (0 enforced), 0 errors, 0 skipped')
assert log.contains('; 1 unreadable')
assert log.contains('Guidepost policy check failed: 1 warning (Audit/Warn policies); 1 manifest could not be read; see target/guidepost/report.md')
assert log.contains('BUILD FAILURE')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'))
def unreadable = sarif.runs[0].results.find { it.ruleId == 'guidepost:unreadable-manifest' }
assert unreadable.level == 'error'
assert unreadable.locations[0].physicalLocation.artifactLocation.uri == 'src/main/k8s/configmap.yaml'
assert unreadable.locations[0].physicalLocation.region.startLine > 0
def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-guidepost.xml'))
assert junit.@errors.text() == '1'
assert new File(reports, 'report.md').text.contains('### Unreadable manifests')
return true

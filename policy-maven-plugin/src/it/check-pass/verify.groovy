// Compliant manifests in the default folder: the build passes, the summary is logged, all four reports are written
// and none of them reports a violation; a second run without the JUnit format removes the first run's JUnit report,
// which CI would otherwise read as this run's.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 2
assert !runs[0].contains('Removed the report of an earlier run')
assert runs[1].contains('[INFO] Removed the report of an earlier run: target/guidepost/TEST-guidepost.xml')
def reports = new File(basedir, 'target/guidepost')

assert log.contains('Checking 2 files in src/main/k8s against it-pack@1.0.0 (3 policies)')
assert log.contains('[INFO] 2 manifests, 3 policies, 3 results: 3 passed, 0 failed (0 enforced), 0 errors, 0 skipped')
assert log.contains('[INFO] Guidepost policy check passed: no violations')
assert !log.contains('[ERROR]')
assert !log.contains('[WARNING] AUDIT')
assert log.contains('BUILD SUCCESS')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.rules*.id.sort() == ['disallow-latest-tag', 'require-readiness-probe', 'require-team-label']
assert sarif.runs[0].results.isEmpty()
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'report.json'))
assert json.verdict.failed == false
assert json.summary.pass == 3
assert !new File(reports, 'TEST-guidepost.xml').exists()
assert new File(reports, 'report.md').text.startsWith('## ✅ Guidepost policy check passed')
return true

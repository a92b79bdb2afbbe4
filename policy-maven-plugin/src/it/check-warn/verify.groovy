// Audit and Warn violations are logged as warnings, with location and fix, and do not fail the build; SARIF gives
// them the level warning, and JUnit shows them as skipped test cases with the reason, since they do not fail the check.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/guidepost')

assert log.contains('[WARNING] AUDIT src/main/k8s/web.yaml:2  Deployment/shop/web')
assert log.contains('[WARNING]   policy:  require-readiness-probe — Containers have a readiness probe [low, Audit]')
assert log.contains('[WARNING] WARN src/main/k8s/web.yaml:2  Deployment/shop/web')
assert log.contains('[WARNING]   policy:  disallow-latest-tag — Images are pinned to a version [medium, Warn]')
assert log.contains('[WARNING]   fix:     Use an immutable tag such as 1.4.2.')
assert log.contains('[INFO] 1 manifest, 3 policies, 3 results: 1 passed, 2 failed (0 enforced), 0 errors, 0 skipped; violations by severity: medium 1, low 1')
assert log.contains('[INFO] Guidepost policy check passed: 2 warnings (Audit/Warn policies)')
assert !log.contains('[ERROR]')
assert log.contains('BUILD SUCCESS')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'))
assert sarif.runs[0].results*.level == ['warning', 'warning']
def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-guidepost.xml'))
assert junit.@failures.text() == '0'
assert junit.@skipped.text() == '2'
assert junit.testcase.skipped*.@message*.text().every { it.contains('finding, does not fail the check: ') }
assert new File(reports, 'report.md').text.contains('### Warnings (2)')
return true

// An Enforce violation fails the build; every violation (in both default folders) is reported first, each with
// file:line, resource, policy id and title, message and fix; the reports are written before the failure.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/guidepost')

assert log.contains('Checking 3 files in src/main/k8s, k8s against it-pack@1.0.0 (3 policies)')
assert log.contains('[ERROR] FAIL src/main/k8s/workers.yaml:18  Deployment/shop/legacy')
assert log.contains('[ERROR]   policy:  require-team-label — Workloads name their team [high, Enforce]')
assert log.contains('[ERROR]   message: Deployment legacy has no team label')
assert log.contains("[ERROR]   fix:     Add metadata.labels.team with your team's slug.")
assert log.contains('[ERROR] FAIL k8s/cron.yaml:1  Deployment/finance/reporter')
assert log.contains('[WARNING] AUDIT src/main/k8s/workers.yaml:18  Deployment/shop/legacy')
assert log.contains('[INFO] 4 manifests, 3 policies, 12 results: 9 passed, 3 failed (2 enforced), 0 errors, 0 skipped; violations by severity: high 2, low 1')
assert log.contains('BUILD FAILURE')
assert log.contains('Guidepost policy check failed: 2 violations fail the check; 1 warning (Audit/Warn policies); see target/guidepost/report.md')
assert log.contains('MojoFailureException')

['report.json', 'report.sarif', 'TEST-guidepost.xml', 'report.md'].each {
    assert new File(reports, it).isFile() : "missing report $it"
}
def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'))
assert sarif.version == '2.1.0'
def errors = sarif.runs[0].results.findAll { it.level == 'error' }
assert errors.size() == 2
def legacy = errors.find { it.locations[0].logicalLocations[0].fullyQualifiedName == 'Deployment/shop/legacy' }
assert legacy.ruleId == 'require-team-label'
assert legacy.locations[0].physicalLocation.artifactLocation.uri == 'src/main/k8s/workers.yaml'
assert legacy.locations[0].physicalLocation.region.startLine == 18

def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-guidepost.xml'))
assert junit.@tests.text() == '12'
assert junit.@failures.text() == '2' // the two Enforce violations; the Audit finding is a skipped test case
def md = new File(reports, 'report.md').text
assert md.startsWith('## ❌ Guidepost policy check failed')
assert md.contains('`src/main/k8s/workers.yaml:18` `Deployment/shop/legacy`')
return true

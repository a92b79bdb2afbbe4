// A pack built as a jar (installed by the first invocation) is used by another project as a plugin dependency,
// combined with a folder pack; its Enforce policy fails the build with the violation located.
def log = new File(basedir, 'build.log').text

assert new File(localRepositoryPath, 'dev/guidepost/it/acme-pack/1.0/acme-pack-1.0.jar').isFile()
assert log.contains('Checking 1 file in src/main/k8s against acme-security+it-pack (4 policies)')
assert log.contains('[ERROR] FAIL src/main/k8s/app.yaml:1  Deployment/shop/app')
assert log.contains('[ERROR]   policy:  disallow-privileged-containers — No privileged containers [critical, Enforce]')
assert log.contains('[ERROR]   fix:     Remove securityContext.privileged.')
assert log.contains('Guidepost policy check failed: 1 violation fails the check; see target/guidepost/report.md')

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/guidepost/report.sarif'))
assert sarif.runs[0].tool.driver.rules*.id.contains('disallow-privileged-containers')
assert sarif.runs[0].results*.ruleId == ['disallow-privileged-containers']
return true

// A pom parent without packs is skipped (its module runs the goal), a search there says to run it in a module, and a run that checks nothing removes the
// reports of the run before, so CI never shows violations nobody looked at this time.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 5

assert runs[0].contains('[INFO] Skipping Guidepost check: a pom project (parent or aggregator) without <packs>')
// in a build of several projects, log lines name files from the top project, so each line says its module
assert runs[0].contains('Checking 1 file in app/src/main/k8s')
assert runs[0].contains('[ERROR] FAIL app/src/main/k8s/workers.yaml:18  Deployment/shop/legacy')
assert runs[0].contains('BUILD FAILURE')
assert runs[0].contains('require-team-label')

assert runs[1].contains('[WARNING] No manifests to check in app/src/main/k8s that <includes> [**/*.yml]')
assert runs[1].contains('Removed the report of an earlier run: app/target/guidepost/')
assert runs[1].contains('BUILD SUCCESS')

assert runs[2].contains('BUILD SUCCESS')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'app/target/guidepost/report.sarif'))
assert sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri == 'app/src/main/k8s/workers.yaml'
def json = new File(basedir, 'app/target/guidepost/report.json').text
assert json.contains('"file": "src/main/k8s/workers.yaml"')

// the search runs only in the parent: no silent success, but where to run it
assert runs[3].contains('policy:search runs once, in the project Maven starts in, and check-multi-module is a pom project')
assert runs[3].contains('mvn policy:search -pl :app -Dquery="..." (modules with the Guidepost plugin: app)')
assert runs[3].contains('BUILD FAILURE')
assert runs[4].contains('1. require-team-label')
assert runs[4].contains('BUILD SUCCESS')
return true

// The kyverno goal writes the pack as Kyverno ValidatingPolicies with Kyverno CLI tests, byte for byte as in
// expected/ (golden files), logs the emitter's summary and installs a reproducible zip of them (classifier kyverno);
// a policy that cannot be written in the chosen format fails the build, naming it.
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 2

def failing = runs[0]
assert failing.contains('[ERROR] NOT EMITTED images-pinned-by-digest: cannot be written as cluster-policy')
assert failing.contains('Guidepost cannot write 1 policy as cluster-policy: images-pinned-by-digest (the reasons are logged as NOT EMITTED above)')
assert failing.contains('Choose another <format> (validating-policy, cluster-policy, vap) or change the policies')
assert failing.contains('BUILD FAILURE')
assert failing.contains('MojoFailureException')

def green = runs[1]
assert green.contains('[INFO] Emitted it-pack@1.0.0 as validating-policy: 3 ValidatingPolicy (3 pack policies)')
assert green.contains('[INFO] Kyverno CLI tests: 1 kyverno-test.yaml file, 2 expectations')
assert green.contains('[INFO] Wrote 6 files to target/guidepost')
assert green.contains('[INFO] Attached target/kyverno-emit-1.0-kyverno.zip (classifier kyverno)')
assert green.contains('BUILD SUCCESS')

// golden output, as `guidepost kyverno --out target/guidepost` writes it: the policies in target/guidepost/kyverno/,
// the CLI tests next to them in target/guidepost/kyverno-tests/ (they refer to ../../kyverno/<id>.yaml); the same
// files with the same bytes, nothing more (the ClusterPolicy files of run 1 are gone)
def expected = new File(basedir, 'expected')
def actual = new File(basedir, 'target/guidepost')
def relative = { File root -> def files = []; root.eachFileRecurse(groovy.io.FileType.FILES) { files << root.toPath().relativize(it.toPath()).toString().replace('\\', '/') }; files.sort() }
def expectedFiles = relative(expected)
assert expectedFiles.size() == 6
assert expectedFiles.every { it.startsWith('kyverno/') || it.startsWith('kyverno-tests/') }
assert relative(actual) == expectedFiles
def test = new File(actual, 'kyverno-tests/require-team-label/kyverno-test.yaml')
assert test.text.contains('  - ../../kyverno/require-team-label.yaml')
assert new File(test.parentFile, '../../kyverno/require-team-label.yaml').canonicalFile.isFile()
expectedFiles.each { path ->
    assert new File(actual, path).text == new File(expected, path).text : "$path differs from expected/$path"
}

// the attached zip, installed with the pom: the same files, sorted, with the outputTimestamp
def zip = new File(localRepositoryPath, 'dev/guidepost/it/kyverno-emit/1.0/kyverno-emit-1.0-kyverno.zip')
assert zip.isFile()
new ZipFile(zip).withCloseable { z ->
    def entries = z.entries().toList()
    assert entries*.name == expectedFiles
    entries.each { e ->
        assert z.getInputStream(e).text == new File(expected, e.name).text
        assert e.timeLocal.toString() == '2026-01-01T00:00'
    }
}
return true

// mvn policy:search answers a question in plain words with the right policy first, one block per hit (id, score,
// severity and action, title, one-line description, why it matched); filters by kind and limit; caches the
// pack's embeddings under target/guidepost-cache; without -Dquery it says how to ask. The embedding libraries'
// start-up messages are not logged.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 4

def postgres = runs[0]
assert postgres.contains('Search index of acme-platform@1.0.0: ')
assert postgres.contains('[INFO] Policies for "I\'m adding a Postgres database", best first:')
// the two Postgres policies lead (they score within a few hundredths of each other, so either may be first)
def ranked = postgres.readLines().findAll { it =~ /\[INFO\] \d\. / }.collect { (it =~ /\d\. (\S+)  score/)[0][1] }
assert ranked.take(2).toSet() == ['use-managed-postgres', 'databases-in-us-east-1'].toSet() : ranked
assert postgres =~ /\[INFO\] \d\. use-managed-postgres  score -?\d+\.\d\d  \[medium, advisory\]\n\[INFO\]    Prefer the managed PostgreSQL operator\n\[INFO\]    New PostgreSQL databases should be/
assert postgres =~ /\[INFO\]    why: words [^\n]*postgres[^\n]*; meaning \d+% of the score/
assert (postgres =~ /\[INFO\] \d\. /).count == 5
assert postgres.contains('BUILD SUCCESS')
// the embedding libraries' start-up messages (DJL's platform detection and CUDA probe) stay out of the log
assert !log.contains('Found matching platform')
assert !log.contains('Failed to detect GPU count')
assert new File(basedir, 'target/guidepost-cache').listFiles().any { it.name.endsWith('.index.json') }

def root = runs[1]
assert root =~ /Search index of acme-platform@1\.0\.0: \d+ policy views: 0 from the store, \d+ from pack jars. index\.json, \d+ from the cache folder, 0 embedded now/
def rootFirst = root.readLines().find { it =~ /\[INFO\] 1\. / }
assert rootFirst =~ /1\. require-run-as-non-root  score \d+\.\d\d  \[high, Enforce\]/ : rootFirst
assert root.contains('[INFO]    Containers run as a non-root user')
assert (root =~ /\[INFO\] \d\. /).count == 2
assert root.contains('BUILD SUCCESS')

def missing = runs[2]
assert missing.contains('No question to search for: add -Dquery=')
assert missing.contains('BUILD FAILURE')

def misspelt = runs[3]
assert misspelt =~ /\[WARNING\] No policy of acme-platform@1\.0\.0 is about Deploymnt; the kinds its policies are about: [^\n]*Deployment/
assert misspelt.contains('BUILD SUCCESS')
return true

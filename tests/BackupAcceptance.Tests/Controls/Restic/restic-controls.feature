# Negative controls of the restic backend: run by ResticControlsTests through the real suite, from a copy outside
# the repository, on the demo repository (provision/restic-demo.sh). Every failing scenario here MUST fail (or
# break, where the set-up is at fault); the test asserts how.
@controls @restic
Feature: Controls for the restic backend

  Scenario: A good restic fixture passes
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the backup contains at least one file

  Scenario: A restic snapshot of empty directories is hollow
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/hollow
    Then the backup contains at least one file

  Scenario: An empty directory in a restic snapshot is empty
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/hollow
    Then the directory "a" is not empty

  Scenario: Fewer restic files than required fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the backup contains at least 1000 files

  Scenario: Missing restic paths are all listed
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the backup contains these paths:
      | path             |
      | canary.txt       |
      | no-such-file.txt |
      | canary.txt/      |

  Scenario: A restic count drop fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/shrinking
    Then the file count is within 10% of the previous dump

  Scenario: An older restic snapshot against the live directory fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/shrinking
    And the dump before the latest
    Then the file count is within 10% of the live directory

  Scenario: A restic snapshot identical to the one before is stale
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/unchanged
    Then the backup differs from the previous dump

  Scenario: A ten-day-old restic snapshot is stale
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/stale
    Then the latest dump is no older than 26 hours

  Scenario: A restic path never backed up has no snapshot
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/never
    Then the disk has a dump

  Scenario: A restic path never backed up holds no file
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/never
    Then the backup contains at least one file

  Scenario: A restic date before the first snapshot has none
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    And the dump as of 2020-01-01
    Then the backup contains at least one file

  Scenario: Restored restic bytes that differ from an unchanged live file fail
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/bitrot
    When the file "f1.txt" is restored
    Then every restored file matches the live file

  Scenario: A restic canary with the wrong content fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    When the file "canary.txt" is restored
    Then its content matches "^this is not the canary"

  Scenario: A damaged restic repository fails its own check
    Given restic repository /var/lib/backup-acceptance/restic-demo/damaged for localhost /srv/restic-fixtures/good
    Then the repository passes its own check

  Scenario: A clean repository vouches for nothing about a path it never backed up
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/never
    Then the repository passes its own check

  Scenario: A restore from a damaged restic repository fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/damaged for localhost /srv/restic-fixtures/good
    When the file "canary.txt" is restored
    Then its content matches "^canary"

  Scenario: A whole restore from a damaged restic repository fails
    Given restic repository /var/lib/backup-acceptance/restic-demo/damaged for localhost /srv/restic-fixtures/good
    When the whole disk is restored
    Then every file of the listing was restored

  Scenario: A restic repository that is not there is unreachable
    Given restic repository /var/lib/backup-acceptance/restic-demo/no-such-repo for localhost /srv/restic-fixtures/good
    Then the backup contains at least one file

  Scenario: A password in a restic location is refused
    Given restic repository rest:https://backup:s3cret@localhost:8000/repo for localhost /srv/restic-fixtures/good
    Then the backup contains at least one file

  Scenario: A step only Amanda answers is an input error on restic
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then a level 0 dump is no older than 8 days

  Scenario: A restic restore alone checks nothing
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    When 3 random files are restored

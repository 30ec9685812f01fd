@restic @demo
Feature: A restic repository answers the same expectations
  The same sentences as for Amanda, on the demo's restic repository (provision/restic-demo.sh): a site that keeps
  some machines in restic checks them with the vocabulary it already reads every morning. The password comes from
  RESTIC_PASSWORD_FILE (./run.sh sets the demo's when none is set), never from this file.

  Scenario: The restic backup holds files, and the paths a rebuild needs
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the backup contains at least 30 files
    And the backup contains these paths:
      | path       |
      | canary.txt |
      | sub/       |
    And the directory "sub" is not empty

  @freshness
  Scenario: The restic backup is fresh and tracks the live tree
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the disk has a dump
    And the latest dump is no older than 26 hours
    And the newest restorable version of "canary.txt" is no older than 26 hours
    And the file count is within 10% of the previous dump
    And the file count is within 5% of the live directory
    And the backup differs from the previous dump

  @restore
  Scenario: Random files of the restic backup restore byte-exact
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    When 5 random files are restored
    Then every restored file matches the live file

  @restore
  Scenario: The restic canary restores with its content and age
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    When the file "canary.txt" is restored
    Then its content matches "^canary \d{4}-"
    And the restored file is no older than 26 hours

  Scenario: The restic repository passes its own check, every pack read back
    Given restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good
    Then the repository passes its own check reading 100% of its data

@demo
Feature: The demo disks hold, keep and restore what they should
  The demo Amanda (provision/amanda-demo.sh) has disks made for each layer of checks.

  @data
  Scenario: Random files of the odd-names tree restore byte for byte
    Given ba-daily config for localhost /srv/fixtures/oddnames
    When 10 random files are restored
    Then every restored file matches the live file

  @data @canary
  Scenario: The canary planted before the last dump comes back
    Given ba-daily config for localhost /srv/fixtures/canary
    When the file "canary.txt" is restored
    Then its content matches "^canary \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ token [0-9a-f]+$"
    And the restored file is no older than 26 hours

  @history
  Scenario: The canary disk changes from one dump to the next
    Given ba-daily config for localhost /srv/fixtures/canary
    Then the backup differs from the previous dump

  @history
  Scenario: A stable disk keeps its file count between dumps
    Given ba-daily config for localhost /srv/fixtures/stale
    Then the file count is within 10% of the previous dump

  @history
  Scenario: An older dump can be checked too
    Given ba-daily config for localhost /srv/fixtures/shrinking
    And the dump before the latest
    Then the backup contains at least 100 files

  @sampling
  Scenario: A large disk is sampled instead of walked
    Given ba-daily config for localhost /srv/fixtures/big
    When 150 random directories are walked
    Then the estimated file count is at least 1000

  @sampling
  Scenario: A large disk is sampled within a time budget
    Given ba-daily config for localhost /srv/fixtures/big
    When the disk is walked for at most 3 seconds
    Then the estimated file count is at least 1000

  @history
  Scenario: A date after the last dump shows the latest dump
    Given ba-daily config for localhost /srv/fixtures/oddnames
    And the dump as of 2099-12-31
    Then the backup contains these paths:
      | path                   |
      | README.txt             |
      | odd-files/quote"double.txt |
      | quote'dir/quote'dir/  |
      | intentionally-invalid/ |

  @recovery
  Scenario: A file unchanged since the full dump is restorable from a recent dump
    Given ba-daily config for localhost /srv/fixtures/layered
    Then the newest restorable version of "base0/file03.txt" is no older than 26 hours

  @data @recovery
  Scenario: Restored data passes its own tool's check
    Given ba-daily config for localhost /etc
    When the file "passwd" is restored
    Then the restored "passwd" passes "grep -q ^root: {}"

  @data @recovery
  Scenario: The whole big disk restores as listed and matches the live tree
    Given ba-daily config for localhost /srv/fixtures/big
    When the whole disk is restored
    Then every file of the listing was restored
    And the restored tree matches the live directory

  @data @recovery
  Scenario: Every file of a whole restore matches its live file
    Given ba-daily config for localhost /srv/fixtures/canary
    When the whole disk is restored
    Then every restored file matches the live file

  @recovery
  Scenario: The big disk can be restored within an hour
    Given ba-daily config for localhost /srv/fixtures/big
    Then the disk can be restored within 1 hours

  @data @recovery
  Scenario: A restored SQLite database passes its own integrity check
    Given ba-daily config for localhost /srv/fixtures/sqlite
    When the file "app.sqlite" is restored
    Then the restored "app.sqlite" passes "sh -c 'test $(sqlite3 $1 pragma\ integrity_check) = ok' _ {}"

# Negative controls for the backup vocabulary, run through the real suite by SuiteControlsTests. Every scenario
# here MUST fail, each with its own category; the test asserts the category and the evidence.
@controls @vocabulary
Feature: Controls for the backup vocabulary

  Scenario: A threshold below the dump's real age fails
    Given ba-daily config for localhost /etc
    Then the latest dump is no older than 0 hours

  Scenario: A level 0 threshold below the dump's real age fails
    Given ba-daily config for localhost /etc
    Then a level 0 dump is no older than 0 days

  Scenario: A never-dumped disk has no dump
    Given ba-daily config for localhost /srv/fixtures/notdumped
    Then the disk has a dump

  Scenario: Missing paths are all listed
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains these paths:
      | path                |
      | README.txt          |
      | no-such-file.txt    |
      | sub/no-such-dir/    |
      | README.txt/         |

  Scenario: An empty directory in the backup fails
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the directory "a/b/c" is not empty

  Scenario: A count drop fails
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 10% of the previous dump

  Scenario: An old dump against the live directory fails
    Given ba-daily config for localhost /srv/fixtures/shrinking
    And the dump before the latest
    Then the file count is within 10% of the live directory

  Scenario: A disk identical to its previous dump is stale
    Given ba-daily config for localhost /srv/fixtures/stale
    Then the backup differs from the previous dump

  Scenario: Restored bytes that differ from an unchanged live file fail
    Given ba-nightly config for localhost /srv/fixtures/nightly/bitrot
    When the file "note.txt" is restored
    Then every restored file matches the live file

  Scenario: A canary with the wrong content fails
    Given ba-daily config for localhost /srv/fixtures/canary
    When the file "canary.txt" is restored
    Then its content matches "^this is not the canary"

  Scenario: A canary older than allowed fails
    Given ba-daily config for localhost /srv/fixtures/canary
    When the file "canary.txt" is restored
    Then the restored file is no older than 0 hours

  Scenario: A bad disk inside the whole estate fails the estate
    Given every disk of ba-daily config
    Then every disk has a dump no older than 26 hours with at least 1 file

  Scenario: A date before the first dump has no dump
    Given ba-daily config for localhost /srv/fixtures/oddnames
    And the dump as of 2020-01-01
    Then the backup contains at least one file

  Scenario: Fewer files than required fails
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least 100000 files

  Scenario: An estate exception that matches no disk fails
    Given every disk of ba-daily config except:
      | disk                 |
      | /srv/fixtures/typo   |
    Then every disk has a dump no older than 26 hours with at least 1 file

@nightly
Feature: A nightly schedule is checked as a restore gives it
  # ba-nightly (provision/nightly.sh): level 0 dumps, then level 1 dumps after deletions, a rename and a rewrite,
  # an exclusion. These steps read the state a restore gives, not amrecover's merged listing, which still shows the
  # names deleted before a level 1 (docs/dump-model.md; each step's view: docs/steps.md).

  Scenario: A level 1 after deletions restores exactly the tree it recorded
    Given ba-nightly config for localhost /srv/fixtures/nightly/deleted
    When the whole disk is restored
    Then every file of the listing was restored
    And the restored tree matches the live directory

  Scenario: A directory renamed before the level 1 comes back under its new name
    Given ba-nightly config for localhost /srv/fixtures/nightly/renamed
    When the whole disk is restored
    Then the restored tree matches the live directory

  Scenario: A file unchanged since a level 0 three days old is as recent as last night's level 1
    Given ba-nightly config for localhost /srv/fixtures/nightly/aged
    Then the newest restorable version of "docs/doc1.txt" is no older than 26 hours
    And the backup differs from the previous dump

  Scenario: An excluded cache is neither counted nor compared
    Given ba-nightly config for localhost /srv/fixtures/nightly/excluded
    Then the file count is within 5% of the live directory

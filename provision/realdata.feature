# Scenarios on the scratch configuration ba-real (provision/realdata.sh): real trees. Run with
#   BACKUP_ACCEPTANCE_FEATURES=$PWD/provision/realdata.feature dotnet test src/BackupAcceptance.Suite
# Scenarios tagged @must-fail are negative controls: each must fail, with the category its comment names. Run it
# right after the script: its ages (2 hours) are of that run's dumps.
# Results and what they show: docs/realdata.md.
@realdata
Feature: The suite on real trees

  Scenario: Debian's documentation is backed up whole and matches the live tree
    Given ba-real config for localhost /srv/fixtures/real/doc
    Then the backup contains at least 1000 files
    And the backup contains these paths:
      | path                 |
      | bash/                |
      | coreutils/copyright  |
    And the directory "apt" is not empty
    And the file count is within 1% of the live directory
    And the newest restorable version of "bash/copyright" is no older than 2 hours

  Scenario: A level 1 after a deletion, a rename and a rewrite
    Given ba-real config for localhost /srv/fixtures/real/include
    Then the backup contains at least 5000 files
    And the backup contains these paths:
      | path            |
      | stdio.h         |
      | sound-renamed/  |
    And the directory "sound-renamed" is not empty
    And the file count is within 0% of the live directory
    And the file count is within 5% of the previous dump
    And the backup differs from the previous dump
    And the newest restorable version of "stdio.h" is no older than 2 hours
    And the newest restorable version of "zlib.h" is no older than 2 hours

  Scenario: Files of the level 1's chain restore byte for byte, the rewritten one among them
    Given ba-real config for localhost /srv/fixtures/real/include
    When 40 random files are restored with seed 7
    Then every restored file matches the live file
    When the file "zlib.h" is restored
    Then its content matches "ZLIB_VERSION"
    And the restored file is no older than 2 hours
    And every restored file matches the live file

  Scenario: Over bsdtcp, the level 1's chain holds its files and restores them byte for byte
    Given ba-real-net config for localhost /srv/fixtures/real/include
    Then the backup contains at least 5000 files
    And the file count is within 0% of the live directory
    And the backup differs from the previous dump
    When 40 random files are restored with seed 7
    Then every restored file matches the live file

  Scenario: The level 1's chain restores whole, as its state and the live tree say, and its data passes its tools
    Given ba-real config for localhost /srv/fixtures/real/include
    When the whole disk is restored
    Then every file of the listing was restored
    And the restored tree matches the live directory
    And the restored "zlib.h" passes "grep -q ZLIB_VERSION {}"
    And the restored "sound-renamed" passes "test -s {}/asound.h"

  # Must fail as Nothing checked: the level 0's zlib.h was rewritten live since, so it is not compared.
  @must-fail
  Scenario: The level 0's copy of a rewritten file against the live one
    Given ba-real config for localhost /srv/fixtures/real/include
    And the dump before the latest
    When the file "zlib.h" is restored
    Then every restored file matches the live file

  # Must fail as Missing path: the renamed directory did not exist at the level 0.
  @must-fail
  Scenario: The new name is not in the level 0
    Given ba-real config for localhost /srv/fixtures/real/include
    And the dump before the latest
    Then the backup contains these paths:
      | path            |
      | sound-renamed/  |

  # Must fail as Count drop: the live copy lost linux/netfilter after the level 0.
  @must-fail
  Scenario: The level 0 against today's live copy
    Given ba-real config for localhost /srv/fixtures/real/include
    And the dump before the latest
    Then the file count is within 0% of the live directory

  # Must fail as Missing path: a header nobody has.
  @must-fail
  Scenario: A path the tree never had
    Given ba-real config for localhost /srv/fixtures/real/doc
    Then the backup contains these paths:
      | path                      |
      | no-such-package/copyright |

  # Must fail as Data check failed: a C header is no gzip archive, and the tool says so by its status.
  @must-fail
  Scenario: A real header its tool rejects
    Given ba-real config for localhost /srv/fixtures/real/include
    When the file "stdio.h" is restored
    Then the restored "stdio.h" passes "gzip -t {}"

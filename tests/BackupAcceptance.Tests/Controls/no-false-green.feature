# Negative controls for issue "no step passes having checked nothing": each scenario is a way a green could lie.
# Run by SuiteControlsTests through the real suite; every scenario here MUST fail, except those tagged @good.
@controls @falsegreen
Feature: Controls for false greens

  Scenario: A path table without a header row is refused
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains these paths:
      | no-such-file.txt |
      | README.txt       |

  Scenario: A path table with only its header checks nothing
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the backup contains these paths:
      | path |

  Scenario: The disk itself in a path table is refused
    Given ba-daily config for localhost /srv/fixtures/empty
    Then the backup contains these paths:
      | path |
      | /    |

  Scenario: A directory holding only empty directories is empty
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the directory "a" is not empty

  Scenario: A directory that is not in the backup is missing
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the directory "no-such-dir" is not empty

  Scenario: A sample of a hollow disk fails
    Given ba-daily config for localhost /srv/fixtures/hollow
    When 5 random directories are walked
    Then the estimated file count is at least 1

  Scenario: A sample alone checks nothing
    Given ba-daily config for localhost /srv/fixtures/oddnames
    When 5 random directories are walked

  Scenario: A restore alone checks nothing
    Given ba-daily config for localhost /srv/fixtures/oddnames
    When the file "README.txt" is restored

  Scenario: A scenario without steps checks nothing

  Scenario: A dump chosen after a check is a misuse
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least one file
    Given the dump as of 2020-01-01
    Then the backup contains at least one file

  Scenario: A previous dump without its index is a damaged index
    Given ba-daily config for localhost /srv/fixtures/lostindex
    Then the backup differs from the previous dump

  Scenario: A count against a previous dump without its index is a damaged index
    Given ba-daily config for localhost /srv/fixtures/lostindex
    Then the file count is within 10% of the previous dump

  Scenario: The recovery point of the root of a dump without its index is no restorable version
    Given ba-daily config for localhost /srv/fixtures/lostindex
    And the dump before the latest
    Then the newest restorable version of "/" is no older than 87600 hours

  Scenario: A cut-short index file fails before amrecover browses it
    Given ba-daily config for localhost /srv/fixtures/cutindex
    Then the backup contains at least one file

  Scenario: A restore whose extract failed is not a restore
    Given ba-daily config for localhost /srv/fixtures/cuttape
    When the file "file01.txt" is restored
    Then every restored file matches the live file

  # amrecover says only "Got no header and data from server" here, as it does for a refusing tape server: a lost
  # tape must stay the backup's fault (Restore mismatch), never become the suite's own trouble.
  Scenario: A restore from a lost tape is the backup's fault
    Given ba-daily config for localhost /srv/fixtures/losttape
    When the file "file01.txt" is restored
    Then every restored file matches the live file

  # The fault configuration ba-daily-refused lacks the storage that wrote the tapes: the tape server refuses (broken).
  Scenario: A tape server that refuses is a broken restore, not the backup's fault
    Given ba-daily-refused config for localhost /srv/fixtures/oddnames
    When the file "README.txt" is restored
    Then every restored file matches the live file

  @good
  Scenario: A count change of exactly the allowed percentage passes
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 50% of the previous dump

  Scenario: A count change one percent past the allowed fails
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 49% of the previous dump

  Scenario: A count against the previous dump leaves the session on the dump it judged
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 50% of the previous dump
    And the backup contains at least 51 files

  Scenario: At least N files is judged on the dump the scenario chose
    Given ba-daily config for localhost /srv/fixtures/shrinking
    And the dump before the latest
    Then the backup contains at least 101 files

  Scenario: Paths are looked up in the dump the scenario chose
    Given ba-nightly config for localhost /srv/fixtures/nightly/renamed
    And the dump before the latest
    Then the backup contains these paths:
      | path    |
      | olddir/ |
      | newdir/ |

  Scenario: A directory is judged in the dump the scenario chose
    Given ba-nightly config for localhost /srv/fixtures/nightly/renamed
    And the dump before the latest
    Then the directory "newdir" is not empty

  Scenario: A count against the previous dump of a disk of empty directories is hollow
    Given ba-daily config for localhost /srv/fixtures/hollow
    Then the file count is within 10% of the previous dump

  @good
  Scenario: A live count change of exactly the allowed percentage passes
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 0% of the live directory

  Scenario: A live count change past the widest allowed fails
    Given ba-daily config for localhost /srv/fixtures/shrinking
    And the dump before the latest
    Then the file count is within 99% of the live directory

  @good
  Scenario: Exactly as many files as required passes
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least 257 files

  Scenario: One file more than the disk holds fails
    Given ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least 258 files

  Scenario: A live comparison of an empty backup is hollow, not 0 against 0
    Given ba-daily config for localhost /srv/fixtures/empty
    Then the file count is within 10% of the live directory

  Scenario: A negative percentage is refused
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within -5% of the live directory

  Scenario: Zero random files to restore is refused
    Given ba-daily config for localhost /srv/fixtures/oddnames
    When 0 random files are restored
    Then every restored file matches the live file

  Scenario: A tolerance that no drop can exceed is refused
    Given ba-daily config for localhost /srv/fixtures/shrinking
    Then the file count is within 100% of the previous dump

  Scenario: An age past ten years is refused
    Given ba-daily config for localhost /etc
    Then the latest dump is no older than 2147483647 hours

  Scenario: A second disk in one scenario is refused
    Given ba-daily config for localhost /srv/fixtures/hollow
    And ba-daily config for localhost /srv/fixtures/oddnames
    Then the backup contains at least one file

  Scenario: Two dump choices in one scenario are refused
    Given ba-daily config for localhost /srv/fixtures/oddnames
    And the dump as of 2020-01-01
    And the dump before the latest
    Then the backup contains at least one file

  Scenario: A dump choice with the whole estate is refused
    Given the dump as of 2020-01-01
    And every disk of ba-daily config except:
      | disk                     |
      | /srv/fixtures/notdumped  |
    Then every disk has a dump no older than 26 hours with at least 1 file

  Scenario: A sample no Then step judged checks nothing
    Given ba-daily config for localhost /srv/fixtures/hollow
    When 5 random directories are walked
    Then the disk has a dump

  Scenario: Restored files no Then step looked at check nothing
    Given ba-daily config for localhost /srv/fixtures/tampered
    When 3 random files are restored
    Then the disk has a dump

  Scenario: A pattern that matches anything is refused
    Given ba-daily config for localhost /srv/fixtures/canary
    When the file "canary.txt" is restored
    Then its content matches ""

  Scenario: A content pattern that is no regular expression is refused
    Given ba-daily config for localhost /srv/fixtures/canary
    When the file "canary.txt" is restored
    Then its content matches "canary ("

  Scenario: A content check after a random sample of files is refused
    Given ba-daily config for localhost /srv/fixtures/oddnames
    When 2 random files are restored
    Then its content matches "x"

  Scenario: A comparison that could compare no file checks nothing
    Given ba-daily config for localhost /srv/fixtures/canary
    And the dump before the latest
    When the file "canary.txt" is restored
    Then every restored file matches the live file

  Scenario: A file changed since the dump with its old mtime put back is not compared
    Given ba-daily config for localhost /srv/fixtures/tampered
    When the file "doc07.txt" is restored
    Then every restored file matches the live file

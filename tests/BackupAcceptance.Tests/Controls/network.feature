# Controls through the network: the demo's dumps served as config ba-daily-net by amandad with auth "bsdtcp" under
# inetd (port 10080), the way amrecover on a client machine reaches its server (provision/lib/network.sh). Run by
# SuiteControlsTests through the real suite; every scenario here MUST fail, except those tagged @good.
@controls @network
Feature: Controls over the network (bsdtcp)

  @good
  Scenario: Over bsdtcp, random files of the odd-names tree restore byte for byte
    Given ba-daily-net config for localhost /srv/fixtures/oddnames
    When 5 random files are restored
    Then every restored file matches the live file

  @good
  Scenario: Over bsdtcp, the big disk holds all its files
    Given ba-daily-net config for localhost /srv/fixtures/big
    Then the backup contains at least 20000 files

  Scenario: Over bsdtcp, a disk of empty directories fails
    Given ba-daily-net config for localhost /srv/fixtures/hollow
    Then the backup contains at least one file

  Scenario: Over bsdtcp, a disk that was never dumped fails
    Given ba-daily-net config for localhost /srv/fixtures/notdumped
    Then the disk has a dump

  Scenario: Over bsdtcp, a previous dump without its index is a damaged index
    Given ba-daily-net config for localhost /srv/fixtures/lostindex
    Then the backup differs from the previous dump

  Scenario: Over bsdtcp, a restore whose extract failed is not a restore
    Given ba-daily-net config for localhost /srv/fixtures/cuttape
    When the file "file01.txt" is restored
    Then every restored file matches the live file

  # Over bsdtcp the tape server's words reach the client as they do with auth local.
  Scenario: Over bsdtcp, a restore from a lost tape is the backup's fault
    Given ba-daily-net config for localhost /srv/fixtures/losttape
    When the file "file01.txt" is restored
    Then every restored file matches the live file

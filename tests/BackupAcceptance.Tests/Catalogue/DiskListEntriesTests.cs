using BackupAcceptance.Amanda.Catalogue;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

public sealed class DiskListEntriesTests
{
    // amadmin ba-daily disklist --exact-match localhost /etc, Amanda 3.5.1 on Debian 12, verbatim.
    private const string Etc = """
        line 2 (/etc/amanda/ba-daily/disklist):
            host localhost:
                interface default
            disk /etc:
                program "GNUTAR"
                COMMENT             ""
                PROGRAM             "GNUTAR"
                SERVER-CUSTOM-COMPRESS ""
                CLIENT-CUSTOM-COMPRESS ""
                SERVER-ENCRYPT      ""
                CLIENT-ENCRYPT      ""
                AMANDAD-PATH        ""
                CLIENT-USERNAME     ""
                SSH-KEYS            ""
                AUTH                "local"
                EXCLUDE             LIST
                EXCLUDE             FILE
                INCLUDE             LIST
                INCLUDE             FILE
                PRIORITY            MEDIUM
                DUMPCYCLE           0
                MAXDUMPS            1
                MAXPROMOTEDAY       10000
                BUMPPERCENT         0
                BUMPSIZE            10240K
                BUMPDAYS            2
                BUMPMULT            1.50000
                STARTTIME            000
                STRATEGY            STANDARD
                ESTIMATE            CALCSIZE
                COMPRESS            NONE
                ENCRYPT             NONE
                SERVER-DECRYPT-OPTION "-d"
                CLIENT-DECRYPT-OPTION "-d"
                COMPRATE            0.50000 0.50000
                TAPE-SPLITSIZE      0K
                FALLBACK-SPLITSIZE  10240K
                SPLIT-DISKBUFFER    ""
                RECORD              yes
                SKIP-INCR           no
                SKIP-FULL           no
                HOLDINGDISK         REQUIRED
                KENCRYPT            no
                IGNORE              no
                INDEX               yes
                APPLICATION         
                SCRIPT              ""
                CLIENT-PORT         ""
                DATA-PATH           AMANDA
                ALLOW-SPLIT         yes
                RECOVERY-LIMIT      
                DUMP-LIMIT          SERVER 
                MAX-WARNINGS        20
                RETRY-DUMP          2
                SSL-FINGERPRINT-FILE ""
                SSL-CERT-FILE       ""
                SSL-KEY-FILE        ""
                SSL-CA-CERT-FILE    ""
                SSL-CIPHER-LIST     ""
                SSL-CHECK-HOST      yes
                SSL-CHECK-CERTIFICATE-HOST yes
                SSL-CHECK-FINGERPRINT yes
                spindle -1
        """;

    // amadmin ba-scratch-live disklist, verbatim, from a throwaway configuration whose disklist was:
    //   localhost /srv/x-name /srv/x-real gtar-x
    //   localhost "/srv/q\"uo te" "/srv/dev ice\\x" {
    //       gtar-x
    //       exclude "./a\"b" "./t\tab" "./back\\slash" "./ü*"
    //       exclude list optional append "/etc/excl.list"
    //       include file "./keep" "./k*"
    //   }
    //   localhost /srv/app {
    //       amgtar-x
    //       exclude list "l1" "/etc/l2"
    //       include list optional "./inc"
    //   }
    private const string Scratch = """
        line 1 (/etc/amanda/ba-scratch-live/disklist):
            host localhost:
                interface default
            disk /srv/x-name:
                device /srv/x-real
                program "GNUTAR"
                COMMENT             ""
                PROGRAM             "GNUTAR"
                SERVER-CUSTOM-COMPRESS ""
                CLIENT-CUSTOM-COMPRESS ""
                SERVER-ENCRYPT      ""
                CLIENT-ENCRYPT      ""
                AMANDAD-PATH        ""
                CLIENT-USERNAME     ""
                SSH-KEYS            ""
                AUTH                "local"
                EXCLUDE             LIST
                EXCLUDE             FILE
                INCLUDE             LIST
                INCLUDE             FILE
                PRIORITY            MEDIUM
                DUMPCYCLE           10
                MAXDUMPS            1
                MAXPROMOTEDAY       10000
                BUMPPERCENT         0
                BUMPSIZE            10240K
                BUMPDAYS            2
                BUMPMULT            1.50000
                STARTTIME            000
                STRATEGY            STANDARD
                ESTIMATE            CLIENT
                COMPRESS            CLIENT FAST
                ENCRYPT             NONE
                SERVER-DECRYPT-OPTION "-d"
                CLIENT-DECRYPT-OPTION "-d"
                COMPRATE            0.50000 0.50000
                TAPE-SPLITSIZE      0K
                FALLBACK-SPLITSIZE  10240K
                SPLIT-DISKBUFFER    ""
                RECORD              yes
                SKIP-INCR           no
                SKIP-FULL           no
                HOLDINGDISK         AUTO
                KENCRYPT            no
                IGNORE              no
                INDEX               yes
                APPLICATION         
                SCRIPT              ""
                CLIENT-PORT         ""
                DATA-PATH           AMANDA
                ALLOW-SPLIT         yes
                RECOVERY-LIMIT      
                DUMP-LIMIT          SERVER 
                MAX-WARNINGS        20
                RETRY-DUMP          2
                SSL-FINGERPRINT-FILE ""
                SSL-CERT-FILE       ""
                SSL-KEY-FILE        ""
                SSL-CA-CERT-FILE    ""
                SSL-CIPHER-LIST     ""
                SSL-CHECK-HOST      yes
                SSL-CHECK-CERTIFICATE-HOST yes
                SSL-CHECK-FINGERPRINT yes
                spindle -1

        line 2 (/etc/amanda/ba-scratch-live/disklist):
            host localhost:
                interface default
            disk /srv/q"uo te:
                device /srv/dev ice\x
                program "GNUTAR"
                COMMENT             ""
                PROGRAM             "GNUTAR"
                SERVER-CUSTOM-COMPRESS ""
                CLIENT-CUSTOM-COMPRESS ""
                SERVER-ENCRYPT      ""
                CLIENT-ENCRYPT      ""
                AMANDAD-PATH        ""
                CLIENT-USERNAME     ""
                SSH-KEYS            ""
                AUTH                "local"
                EXCLUDE             LIST OPTIONAL "/etc/excl.list"
                EXCLUDE             FILE OPTIONAL "./a\"b" "./t\tab" "./back\\slash" "./ü*"
                INCLUDE             LIST
                INCLUDE             FILE "./keep" "./k*"
                PRIORITY            MEDIUM
                DUMPCYCLE           10
                MAXDUMPS            1
                MAXPROMOTEDAY       10000
                BUMPPERCENT         0
                BUMPSIZE            10240K
                BUMPDAYS            2
                BUMPMULT            1.50000
                STARTTIME            000
                STRATEGY            STANDARD
                ESTIMATE            CLIENT
                COMPRESS            CLIENT FAST
                ENCRYPT             NONE
                SERVER-DECRYPT-OPTION "-d"
                CLIENT-DECRYPT-OPTION "-d"
                COMPRATE            0.50000 0.50000
                TAPE-SPLITSIZE      0K
                FALLBACK-SPLITSIZE  10240K
                SPLIT-DISKBUFFER    ""
                RECORD              yes
                SKIP-INCR           no
                SKIP-FULL           no
                HOLDINGDISK         AUTO
                KENCRYPT            no
                IGNORE              no
                INDEX               yes
                APPLICATION         
                SCRIPT              ""
                CLIENT-PORT         ""
                DATA-PATH           AMANDA
                ALLOW-SPLIT         yes
                RECOVERY-LIMIT      
                DUMP-LIMIT          SERVER 
                MAX-WARNINGS        20
                RETRY-DUMP          2
                SSL-FINGERPRINT-FILE ""
                SSL-CERT-FILE       ""
                SSL-KEY-FILE        ""
                SSL-CA-CERT-FILE    ""
                SSL-CIPHER-LIST     ""
                SSL-CHECK-HOST      yes
                SSL-CHECK-CERTIFICATE-HOST yes
                SSL-CHECK-FINGERPRINT yes
                spindle -1

        line 8 (/etc/amanda/ba-scratch-live/disklist):
            host localhost:
                interface default
            disk /srv/app:
                program "APPLICATION"
                application "app-amgtar"
                COMMENT             ""
                PROGRAM             "APPLICATION"
                SERVER-CUSTOM-COMPRESS ""
                CLIENT-CUSTOM-COMPRESS ""
                SERVER-ENCRYPT      ""
                CLIENT-ENCRYPT      ""
                AMANDAD-PATH        ""
                CLIENT-USERNAME     ""
                SSH-KEYS            ""
                AUTH                "local"
                EXCLUDE             LIST "l1" "/etc/l2"
                EXCLUDE             FILE
                INCLUDE             LIST OPTIONAL "./inc"
                INCLUDE             FILE OPTIONAL
                PRIORITY            MEDIUM
                DUMPCYCLE           10
                MAXDUMPS            1
                MAXPROMOTEDAY       10000
                BUMPPERCENT         0
                BUMPSIZE            10240K
                BUMPDAYS            2
                BUMPMULT            1.50000
                STARTTIME            000
                STRATEGY            STANDARD
                ESTIMATE            CLIENT
                COMPRESS            CLIENT FAST
                ENCRYPT             NONE
                SERVER-DECRYPT-OPTION "-d"
                CLIENT-DECRYPT-OPTION "-d"
                COMPRATE            0.50000 0.50000
                TAPE-SPLITSIZE      0K
                FALLBACK-SPLITSIZE  10240K
                SPLIT-DISKBUFFER    ""
                RECORD              yes
                SKIP-INCR           no
                SKIP-FULL           no
                HOLDINGDISK         AUTO
                KENCRYPT            no
                IGNORE              no
                INDEX               yes
                APPLICATION         "app-amgtar"
                SCRIPT              ""
                CLIENT-PORT         ""
                DATA-PATH           AMANDA
                ALLOW-SPLIT         yes
                RECOVERY-LIMIT      
                DUMP-LIMIT          SERVER 
                MAX-WARNINGS        20
                RETRY-DUMP          2
                SSL-FINGERPRINT-FILE ""
                SSL-CERT-FILE       ""
                SSL-KEY-FILE        ""
                SSL-CA-CERT-FILE    ""
                SSL-CIPHER-LIST     ""
                SSL-CHECK-HOST      yes
                SSL-CHECK-CERTIFICATE-HOST yes
                SSL-CHECK-FINGERPRINT yes
                spindle -1
        """;

    [Test]
    public void A_plain_entry_is_its_own_device_with_no_rules()
    {
        var entry = DiskListEntries.Parse(Etc).ShouldHaveSingleItem();
        entry.Host.ShouldBe("localhost");
        entry.Disk.ShouldBe("/etc");
        entry.Device.ShouldBe("/etc");
        entry.HasOwnDevice.ShouldBeFalse();
        entry.Program.ShouldBe("GNUTAR");
        entry.IsGnuTar.ShouldBeTrue();
        entry.Application.ShouldBeNull();
        entry.Exclude.ShouldBe(DiskListRules.None);
        entry.Include.ShouldBe(DiskListRules.None);
        entry.DefinedAt.ShouldBe("line 2 (/etc/amanda/ba-daily/disklist)");
        entry.Settings["STRATEGY"].ShouldBe("STANDARD");
        entry.Settings["AUTH"].ShouldBe("\"local\"");
    }

    [Test]
    public void The_device_is_the_third_word_when_it_differs_from_the_disk_name()
    {
        var entry = DiskListEntries.Parse(Scratch)[0];
        entry.Disk.ShouldBe("/srv/x-name");
        entry.Device.ShouldBe("/srv/x-real");
        entry.HasOwnDevice.ShouldBeTrue();
    }

    [Test]
    public void Names_are_raw_and_patterns_are_unquoted_the_Amanda_way()
    {
        var entry = DiskListEntries.Parse(Scratch)[1];
        entry.Disk.ShouldBe("/srv/q\"uo te");
        entry.Device.ShouldBe("/srv/dev ice\\x");
        entry.Exclude.ShouldBe(new DiskListRules(["./a\"b", "./t\tab", "./back\\slash", "./ü*"], ["/etc/excl.list"], Optional: true));
        entry.Include.ShouldBe(new DiskListRules(["./keep", "./k*"], [], Optional: false));
        entry.DefinedAt.ShouldBe("line 2 (/etc/amanda/ba-scratch-live/disklist)");
    }

    [Test]
    public void An_application_entry_names_its_application_and_relative_lists()
    {
        var entry = DiskListEntries.Parse(Scratch)[2];
        entry.Disk.ShouldBe("/srv/app");
        entry.Program.ShouldBe("APPLICATION");
        entry.IsGnuTar.ShouldBeFalse();
        entry.Application.ShouldBe("app-amgtar");
        entry.Exclude.ShouldBe(new DiskListRules([], ["l1", "/etc/l2"], Optional: false));
        entry.Include.ShouldBe(new DiskListRules([], ["./inc"], Optional: true));
    }

    [Test]
    public void Output_without_an_entry_parses_to_none() =>
        DiskListEntries.Parse("Argument '=/srv/ap' matches neither a host nor a disk.\n").ShouldBeEmpty();

    [Test]
    public void Quoted_words_keep_escaped_quotes_and_spaces() =>
        DiskListEntries.Words("FILE OPTIONAL \"./a b\" \"./c\\\"d\" \"./e\\\\\"").ShouldBe(["FILE", "OPTIONAL", "./a b", "./c\"d", "./e\\"]);
}

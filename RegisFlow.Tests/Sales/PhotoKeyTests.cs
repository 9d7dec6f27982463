using System.Security.Cryptography;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Tests.Sales;

/// <summary>The photo key: what is stored is not the JPEG, opens to exactly it, and says clearly when it cannot.</summary>
public class PhotoKeyTests
{
    private readonly PhotoKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly byte[] _jpeg = TestImages.Jpeg(300, 200);

    [Fact]
    public void A_sealed_photo_is_not_the_jpeg_differs_each_time_and_opens_to_exactly_the_jpeg()
    {
        var stored = _key.Seal(_jpeg);
        var again = _key.Seal(_jpeg);

        Assert.Equal(_jpeg.Length + PhotoKey.Overhead, stored.Length);
        Assert.NotEqual([0xFF, 0xD8, 0xFF], stored[..3]);
        Assert.NotEqual(stored, again);
        Assert.Equal(_jpeg, _key.Open(stored, _key.Id, SHA256.HashData(_jpeg)));
        Assert.Equal(_jpeg, _key.Open(again, _key.Id, SHA256.HashData(_jpeg)));
    }

    [Fact]
    public void A_photo_sealed_with_another_key_names_both_fingerprints_and_the_setting()
    {
        var other = new PhotoKey(RandomNumberGenerator.GetBytes(32));
        var stored = other.Seal(_jpeg);

        var error = Assert.Throws<PhotoUnreadableException>(() => _key.Open(stored, other.Id, SHA256.HashData(_jpeg)));

        Assert.Equal($"Cette photo a été chiffrée avec une autre clé (empreinte {other.Id}) que celle configurée "
            + $"(PHOTO_ENCRYPTION_KEY, empreinte {_key.Id}) : configurez la clé des photos d'origine pour pouvoir l'afficher ou l'exporter.",
            error.Message);
    }

    [Fact]
    public void A_changed_byte_or_a_content_that_is_not_the_one_recorded_is_reported_as_altered()
    {
        var stored = _key.Seal(_jpeg);
        var changed = stored.ToArray();
        changed[40] ^= 1;

        var altered = Assert.Throws<PhotoUnreadableException>(() => _key.Open(changed, _key.Id, SHA256.HashData(_jpeg)));
        var swapped = Assert.Throws<PhotoUnreadableException>(() => _key.Open(stored, _key.Id, SHA256.HashData(TestImages.Jpeg(30, 20))));

        Assert.StartsWith("Cette photo est illisible : son contenu chiffré a été modifié ou endommagé", altered.Message, StringComparison.Ordinal);
        Assert.Equal(altered.Message, swapped.Message);
    }

    [Fact]
    public void A_photo_stored_before_encryption_is_given_back_as_it_is()
    {
        Assert.Same(_jpeg, _key.Open(_jpeg, keyId: null, contentSha256: null));
    }

    [Fact]
    public void A_short_key_is_refused_with_the_setting_to_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PhotoKey.Parse(Convert.ToBase64String(new byte[16])));

        Assert.StartsWith("La clé de chiffrement des photos (PHOTO_ENCRYPTION_KEY) doit faire 32 octets", error.Message, StringComparison.Ordinal);
    }
}

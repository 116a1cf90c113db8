using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace McpSdk.Authorization;

/// <summary>
/// A <c>private_key_jwt</c> client assertion (RFC 7523, section 2.2): a short-lived JWT with the client id as issuer
/// and subject and the authorization server as audience, signed ES256 (EC P-256 key) or RS256 (RSA key) with .NET's
/// own cryptography.
/// </summary>
internal static class ClientAssertion
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The algorithm a PEM key signs with: ES256 for an EC key, RS256 for an RSA key.</summary>
    public static string AlgorithmOf(string privateKeyPem)
    {
        using ECDsa? ec = TryImport<ECDsa>(privateKeyPem, ECDsa.Create);
        if (ec is not null)
        {
            return "ES256";
        }

        using RSA? rsa = TryImport<RSA>(privateKeyPem, RSA.Create);
        return rsa is not null
            ? "RS256"
            : throw new McpAuthorizationException("The client-credentials private key is neither an EC nor an RSA key in PEM form; private_key_jwt needs one of them.");
    }

    public static string Create(string clientId, string audience, string privateKeyPem, string? keyId, DateTimeOffset now, TimeSpan lifetime)
    {
        string algorithm = AlgorithmOf(privateKeyPem);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var header = new Utf8JsonWriter(buffer))
        {
            header.WriteStartObject();
            header.WriteString("alg", algorithm);
            header.WriteString("typ", "JWT");
            if (keyId is not null)
            {
                header.WriteString("kid", keyId);
            }

            header.WriteEndObject();
        }

        string encodedHeader = Base64Url(buffer.WrittenSpan);
        buffer.Clear();
        using (var claims = new Utf8JsonWriter(buffer))
        {
            claims.WriteStartObject();
            claims.WriteString("iss", clientId);
            claims.WriteString("sub", clientId);
            claims.WriteString("aud", audience);
            claims.WriteString("jti", Guid.NewGuid().ToString("N"));
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            claims.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            claims.WriteEndObject();
        }

        string signingInput = encodedHeader + "." + Base64Url(buffer.WrittenSpan);
        byte[] data = Encoding.ASCII.GetBytes(signingInput);
        byte[] signature;
        if (algorithm == "ES256")
        {
            using ECDsa key = ECDsa.Create();
            key.ImportFromPem(privateKeyPem);
            if (key.KeySize != 256)
            {
                throw new McpAuthorizationException($"private_key_jwt with ES256 needs an EC P-256 key; the configured key has {key.KeySize} bits.");
            }

            // JWS wants the raw r||s form (RFC 7518, 3.4), not DER.
            signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        else
        {
            using RSA key = RSA.Create();
            key.ImportFromPem(privateKeyPem);
            signature = key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url(signature);
    }

    private static T? TryImport<T>(string pem, Func<T> create)
        where T : AsymmetricAlgorithm
    {
        T key = create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            // Never echo the exception: its message may quote the key material's label or contents.
            key.Dispose();
            return null;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

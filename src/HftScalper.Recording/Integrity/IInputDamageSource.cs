namespace HftScalper.Recording.Integrity;

/// <summary>A reader (or a composition of readers) that counts the damage it met; see <see cref="InputDamage.Of"/>.</summary>
internal interface IInputDamageSource
{
    /// <summary>Adds this reader's damage counters to <paramref name="total"/>.</summary>
    void AddInputDamage(InputDamage total);
}

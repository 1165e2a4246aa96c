using CostGuard.Fleet;

namespace CostGuard.Simulation.World;

/// <summary>
/// An instance's recent samples, kept in an append-only array so each snapshot can view the window without
/// copying it. A slot already handed out is never written again: when the array fills up, or a later row
/// replaces the last sample, the window moves to a fresh array, so every view stays immutable.
/// </summary>
internal sealed class SampleWindow
{
    private UtilizationSample[] _items = new UtilizationSample[64];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>Adds a sample; one at the same time as the last replaces it (the later row wins).</summary>
    public void Add(UtilizationSample sample)
    {
        if (_count > 0 && _items[_head + _count - 1].Time == sample.Time)
        {
            MoveToFreshArray(extra: 0);
            _items[_count - 1] = sample;
            return;
        }

        if (_head + _count == _items.Length)
        {
            MoveToFreshArray(extra: 1);
        }

        _items[_head + _count] = sample;
        _count++;
    }

    /// <summary>Drops samples before the one in effect at <paramref name="windowStart"/>.</summary>
    public void TrimBefore(DateTimeOffset windowStart)
    {
        while (_count > 1 && _items[_head + 1].Time <= windowStart)
        {
            _head++;
            _count--;
        }
    }

    public IReadOnlyList<UtilizationSample> View() => new ArraySegment<UtilizationSample>(_items, _head, _count);

    private void MoveToFreshArray(int extra)
    {
        var fresh = new UtilizationSample[Math.Max(64, (_count + extra) * 2)];
        Array.Copy(_items, _head, fresh, 0, _count);
        _items = fresh;
        _head = 0;
    }
}
